/**
 * Migration 10: the archive becomes partitioned by base asset, and everything stored so far is BTC's. Contract
 * series are already per symbol; what changes is the keys of what was shared: group series (`all` → `BTC/all`),
 * alert de-duplication and cooldown keys (`spike:…` → `BTC:spike:…`), and the settings (the contract selection,
 * reference market and alert rules become BTC's). Group records are moved, not rebuilt, so their values stay
 * bit for bit what they were.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { DEFAULT_ASSET } from '../core/assets';
import { liftLegacySettings } from '../core/settings';
import type { LiqLabDB } from './schema';

type UpgradeTx = IDBPTransaction<LiqLabDB, StoreNames<LiqLabDB>[], 'versionchange'>;

/** A v9 group key as v10 spells it for BTC. */
const btcGroup = (key: string) => `${DEFAULT_ASSET}/${key}`;
/** v10 keys carry an asset before a slash; v9 keys (`all`, `margin:COIN`, `exchange:A`) have none. */
const isOld = (key: string) => !key.includes('/');

/**
 * The v9 groups that can be BTC's: every member's market is a BTC market. Any other (a member of another asset,
 * or one without a market record; neither occurs, since only BTC was fetched or imported before v10) is dropped,
 * and its contracts join their asset's groups on their next write; reads sum the contracts until then.
 */
async function btcGroups(tx: UpgradeTx, store: 'liqGroupMembers' | 'oiGroupMembers'): Promise<Set<string>> {
  const markets = new Map((await tx.objectStore('markets').getAll()).map((m) => [m.symbol, m.baseAsset]));
  const keep = new Set<string>();
  const drop = new Set<string>();
  for (const g of await tx.objectStore(store).getAll()) {
    if (!isOld(g.group)) continue;
    const btc = g.members.every((s) => markets.get(s) === DEFAULT_ASSET);
    (btc ? keep : drop).add(g.group);
  }
  for (const g of drop) keep.delete(g);
  return keep;
}

/** The part of a store cursor that `moveRecords` uses. */
interface RecordCursor<V> {
  readonly value: V;
  delete(): Promise<void>;
  continue(): Promise<RecordCursor<V> | null>;
}

/** The part of a group store that `moveRecords` uses. */
interface GroupStore<V> {
  openCursor(): Promise<RecordCursor<V> | null>;
  put(value: V): Promise<unknown>;
}

/**
 * Walks `store` one record at a time (a year of 1-minute groups is about a gigabyte in memory otherwise): a
 * record whose group key (in `field`) is a v9 one is put again under its BTC key when its group is kept, and
 * deleted under the old one.
 */
async function moveRecords<F extends string, V extends Record<F, string>>(
  store: GroupStore<V>,
  field: F,
  keep: ReadonlySet<string>,
): Promise<void> {
  let c = await store.openCursor();
  while (c) {
    const r = c.value;
    const key = r[field];
    if (isOld(key)) {
      if (keep.has(key)) await store.put({ ...r, [field]: btcGroup(key) });
      await c.delete();
    }
    c = await c.continue();
  }
}

/** Moves every record of a v9 group to its BTC key (or drops it, see `btcGroups`). */
async function moveGroups(
  tx: UpgradeTx,
  chunks: 'liqGroups' | 'oiGroups',
  members: 'liqGroupMembers' | 'oiGroupMembers',
): Promise<void> {
  const keep = await btcGroups(tx, members);
  await moveRecords(tx.objectStore(members), 'group', keep);
  // Liquidation group chunks keep their group key in `symbol` (they are LiqChunks); OI group chunks in `group`.
  if (chunks === 'liqGroups') await moveRecords(tx.objectStore('liqGroups'), 'symbol', keep);
  else await moveRecords(tx.objectStore('oiGroups'), 'group', keep);
}

/** Alert keys as v10 spells them: the asset before the rule's key, inside a cooldown key's `cool:` prefix. */
export function btcAlertKey(key: string): string {
  return key.startsWith('cool:')
    ? `cool:${DEFAULT_ASSET}:${key.slice('cool:'.length)}`
    : `${DEFAULT_ASSET}:${key}`;
}

async function moveAlertKeys(tx: UpgradeTx): Promise<void> {
  const store = tx.objectStore('alertKeys');
  const keys = await store.getAllKeys();
  const values = await store.getAll();
  await store.clear();
  for (const [k, key] of keys.entries()) {
    const v = values[k];
    if (v) await store.put(v, btcAlertKey(key));
  }
}

/** Runs migration 10 inside the version-change transaction. */
export async function migrateToAssets(tx: UpgradeTx): Promise<void> {
  await moveGroups(tx, 'liqGroups', 'liqGroupMembers');
  await moveGroups(tx, 'oiGroups', 'oiGroupMembers');
  await moveAlertKeys(tx);
  const kv = tx.objectStore('kv');
  const settings = await kv.get('settings');
  if (settings !== undefined) await kv.put(liftLegacySettings(settings), 'settings');
}
