/** Names of the exchanges in the stored market list, for the contract selector and the histogram's legend. */
import { useEffect, useState } from 'preact/hooks';
import { COVERABLE_EXCHANGES } from '../../core/csv/names';
import { broadcastBus } from '../../platform/notice-bus';
import { sharedDatabase } from '../../storage/connection';
import { ARCHIVE_DB, DEMO_DB } from '../../storage/db-names';
import { exchangeNames } from '../../storage/kv-repo';
import type { DataSource } from '../../workers/compute/api';
import { afterFirstChart } from '../app/first-chart';

/** One exchange as the UI names it. */
export interface NamedExchange {
  code: string;
  name: string;
}

/**
 * Exchanges listing `asset` in the stored market list, with names from /exchanges when known; an imported
 * aggregate is its own entry, named by its symbol and the exchanges it covers.
 */
export async function storedExchanges(asset: string, source: DataSource): Promise<NamedExchange[]> {
  const db = await sharedDatabase(source === 'demo' ? DEMO_DB : ARCHIVE_DB);
  const names = await exchangeNames(db);
  const markets = (await db.getAll('markets')).filter((m) => m.baseAsset === asset);
  const label = new Map<string, string>();
  for (const m of markets) {
    if (m.covers === undefined) label.set(m.exchange, exchangeName(m.exchange, names));
    else {
      const covered = m.covers.map((c) => exchangeName(c, names)).join(' + ');
      label.set(m.exchange, `Imported ${m.symbol}${covered ? ` (${covered})` : ''}`);
    }
  }
  return [...label.keys()].sort().map((code) => ({ code, name: label.get(code) ?? code }));
}

/** A code's name: /exchanges when fetched, else the exchanges the import mapping knows, else the code itself. */
function exchangeName(code: string, names: ReadonlyMap<string, string>): string {
  return names.get(code) ?? COVERABLE_EXCHANGES.find((e) => e.code === code)?.name ?? `Exchange ${code}`;
}

/**
 * The exchanges of `asset` in the data on screen (the demo's own database, or the archive), read after the first
 * chart (opening the archive on a first visit would compete with the first paint), again when the asset, the
 * source or `refresh` changes and when the leader announces a new market list.
 */
export function useStoredExchanges(
  asset: string,
  source: DataSource | null,
  refresh: number,
): NamedExchange[] {
  const [exchanges, setExchanges] = useState<NamedExchange[]>([]);
  useEffect(() => {
    let stale = false;
    const load = () =>
      void afterFirstChart()
        .then(() => storedExchanges(asset, source ?? 'archive'))
        .then(
          (e) => stale || setExchanges(e),
          () => stale || setExchanges([]),
        );
    load();
    const unsubscribe = broadcastBus().subscribe((n) => {
      if (n.type === 'markets-changed') load();
    });
    return () => {
      stale = true;
      unsubscribe();
    };
  }, [asset, source, refresh]);
  return exchanges;
}
