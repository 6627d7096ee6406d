/** Toolbar selector for which contracts the liquidation aggregate sums: all, by margin, or one exchange. */
import { useEffect, useState } from 'preact/hooks';
import { COVERABLE_EXCHANGES } from '../../core/csv/names';
import { ALL_CONTRACTS, type ContractFilter, filterKey } from '../../core/market';
import { broadcastBus } from '../../platform/notice-bus';
import { sharedDatabase } from '../../storage/connection';
import { exchangeNames } from '../../storage/kv-repo';
import { ARCHIVE_DB } from '../../storage/open';
import { afterFirstChart } from '../app/first-chart';

/**
 * Exchanges present in the stored market list, with names from /exchanges when known; an imported aggregate is
 * its own entry, named by its symbol and the exchanges it covers.
 */
async function storedExchanges(): Promise<Array<{ code: string; name: string }>> {
  const db = await sharedDatabase(ARCHIVE_DB);
  const names = await exchangeNames(db);
  const markets = (await db.getAll('markets')).filter((m) => m.baseAsset === 'BTC');
  const label = new Map<string, string>();
  for (const m of markets) {
    if (m.covers === undefined) label.set(m.exchange, names.get(m.exchange) ?? `Exchange ${m.exchange}`);
    else {
      const covered = m.covers.map((c) => exchangeName(c, names)).join(' + ');
      label.set(m.exchange, `Imported ${m.symbol}${covered ? ` (${covered})` : ''}`);
    }
  }
  return [...label.keys()].sort().map((code) => ({ code, name: label.get(code) ?? code }));
}

function exchangeName(code: string, names: ReadonlyMap<string, string>): string {
  return names.get(code) ?? COVERABLE_EXCHANGES.find((e) => e.code === code)?.name ?? code;
}

/** Props of the selector. */
export interface ContractFilterSelectProps {
  value: ContractFilter;
  onChange: (f: ContractFilter) => void;
  /** Re-read the exchange list when this changes (new markets discovered). */
  refresh: number;
}

/** Renders the selector. */
export function ContractFilterSelect({ value, onChange, refresh }: ContractFilterSelectProps) {
  const [exchanges, setExchanges] = useState<Array<{ code: string; name: string }>>([]);
  useEffect(() => {
    // After the first chart: opening the archive (its upgrade on a first visit) would compete with the first paint.
    const load = () =>
      void afterFirstChart()
        .then(storedExchanges)
        .then(setExchanges, () => setExchanges([]));
    load();
    // The leader announces a new market list (a key entered after the demo, a daily refresh).
    return broadcastBus().subscribe((n) => {
      if (n.type === 'markets-changed') load();
    });
  }, [refresh]);
  const options: Array<[string, string, ContractFilter]> = [
    ['all', 'All contracts', ALL_CONTRACTS],
    ['margin:COIN', 'COIN-margined', { kind: 'margin', margin: 'COIN' }],
    ['margin:STABLE', 'STABLE-margined', { kind: 'margin', margin: 'STABLE' }],
    ...exchanges.map((e): [string, string, ContractFilter] => [
      `exchange:${e.code}`,
      e.name,
      { kind: 'exchange', exchange: e.code },
    ]),
  ];
  return (
    <select
      aria-label="Contracts"
      value={filterKey(value)}
      onChange={(e) => {
        const hit = options.find(([k]) => k === e.currentTarget.value);
        if (hit) onChange(hit[2]);
      }}
    >
      {options.map(([k, label]) => (
        <option key={k} value={k}>
          {label}
        </option>
      ))}
    </select>
  );
}
