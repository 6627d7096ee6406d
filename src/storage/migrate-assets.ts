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

/** Moves every record of a v9 group to its BTC key (or drops it, see `btcGroups`). */
async function moveGroups(
  tx: UpgradeTx,
  chunks: 'liqGroups' | 'oiGroups',
  members: 'liqGroupMembers' | 'oiGroupMembers',
): Promise<void> {
  const keep = await btcGroups(tx, members);
  let m = await tx.objectStore(members).openCursor();
  while (m) {
    const g = m.value;
    if (isOld(g.group)) {
      if (keep.has(g.group)) await tx.objectStore(members).put({ ...g, group: btcGroup(g.group) });
      await m.delete();
    }
    m = await m.continue();
  }
  // One record at a time: a year of 1-minute groups is about a gigabyte in memory otherwise.
  if (chunks === 'liqGroups') {
    let c = await tx.objectStore('liqGroups').openCursor();
    while (c) {
      const r = c.value;
      if (isOld(r.symbol)) {
        if (keep.has(r.symbol)) await tx.objectStore('liqGroups').put({ ...r, symbol: btcGroup(r.symbol) });
        await c.delete();
      }
      c = await c.continue();
    }
  } else {
    let c = await tx.objectStore('oiGroups').openCursor();
    while (c) {
      const r = c.value;
      if (isOld(r.group)) {
        if (keep.has(r.group)) await tx.objectStore('oiGroups').put({ ...r, group: btcGroup(r.group) });
        await c.delete();
      }
      c = await c.continue();
    }
  }
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
