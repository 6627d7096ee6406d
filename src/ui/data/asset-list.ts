/** The assets the picker offers: every asset with futures contracts in the stored market list. */
import { useEffect, useState } from 'preact/hooks';
import { type AssetEntry, FIRST_ASSETS, listAssets } from '../../core/assets';
import { broadcastBus } from '../../platform/notice-bus';
import { sharedDatabase } from '../../storage/connection';
import { ARCHIVE_DB } from '../../storage/db-names';
import { afterFirstChart } from '../app/first-chart';

/**
 * The stored market list's assets in picker order; BTC, ETH and SOL are always offered (before a key brings the
 * market list, choosing one shows its empty state), with a contract count of 0 until the list says more.
 */
export async function storedAssets(nowMs: number): Promise<AssetEntry[]> {
  const db = await sharedDatabase(ARCHIVE_DB);
  return withFirstAssets(listAssets(await db.getAll('markets'), nowMs));
}

/** `entries` with BTC, ETH and SOL first, added when missing. */
export function withFirstAssets(entries: readonly AssetEntry[]): AssetEntry[] {
  const first = FIRST_ASSETS.map(
    (asset) => entries.find((e) => e.asset === asset) ?? { asset, contracts: 0 },
  );
  return [...first, ...entries.filter((e) => !FIRST_ASSETS.includes(e.asset))];
}

/** The picker's assets, read after the first chart and again when the leader stores a new market list. */
export function useAssetList(): AssetEntry[] {
  const [assets, setAssets] = useState<AssetEntry[]>(() => withFirstAssets([]));
  useEffect(() => {
    const load = () =>
      void afterFirstChart()
        .then(() => storedAssets(Date.now()))
        .then(setAssets, () => undefined);
    load();
    return broadcastBus().subscribe((n) => {
      if (n.type === 'markets-changed') load();
    });
  }, []);
  return assets;
}
