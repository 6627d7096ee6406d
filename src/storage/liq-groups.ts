/**
 * Pre-summed liquidation series per contract group (All, each margin type, each exchange), kept up to date in
 * the same transaction as every per-contract write, so a filtered read touches one series instead of N.
 * Updates add `new − old` per changed bucket; where that cancels to (near) zero or meets a non-finite value the
 * group chunk is recomputed from its member contracts, so a bucket every contract has at 0 is exactly 0.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { BaseInterval } from '../core/intervals';
import { ALL_CONTRACTS, type ContractFilter, filterKey, type Market } from '../core/market';
import { CHUNK_SLOTS, type LiqChunk, type LiqLabDB } from './schema';
import { type HeldGroups, heldGroups } from './tx-chunks';

/** Stores a write transaction needs, besides `liqChunks`, to keep group series current. */
export const GROUP_STORES = ['liqGroups', 'liqGroupMembers', 'markets'] as const;

/** Any write transaction that covers at least GROUP_STORES and `liqChunks`. */
export type GroupTx = IDBPTransaction<LiqLabDB, StoreNames<LiqLabDB>[], 'readwrite' | 'versionchange'>;

/** One contract chunk as it was before a write and as it will be stored. */
export interface ChunkChange {
  start: number;
  before: Pick<LiqChunk, 'long' | 'short'>;
  after: Pick<LiqChunk, 'long' | 'short'>;
}

/**
 * The key of a group series: the base asset and the contract filter's `filterKey` (`BTC/all`, `ETH/margin:COIN`,
 * `SOL/exchange:A`), so each asset's groups sum only its own contracts (schema v10; v7–v9 keys had no asset).
 */
export function groupKey(asset: string, filter: ContractFilter): string {
  return `${asset}/${filterKey(filter)}`;
}

/**
 * Group keys a contract is summed into; a contract whose market is unknown joins none (its asset is unknown: it
 * joins when its market record arrives), and a mixed-margin aggregate joins no margin group (no margin filter
 * selects it).
 */
export function groupsOf(market: Pick<Market, 'margined' | 'exchange' | 'baseAsset'> | undefined): string[] {
  if (!market) return [];
  const asset = market.baseAsset;
  const all = groupKey(asset, ALL_CONTRACTS);
  const exchange = groupKey(asset, { kind: 'exchange', exchange: market.exchange });
  if (market.margined === 'MIXED') return [all, exchange];
  return [all, groupKey(asset, { kind: 'margin', margin: market.margined }), exchange];
}

/** True when a database has the group stores (schema ≥ 7); older schemas skip group upkeep. */
export function hasGroups(db: { objectStoreNames: DOMStringList }): boolean {
  return db.objectStoreNames.contains('liqGroups');
}

function zeroChunk(symbol: string, interval: BaseInterval, start: number): LiqChunk {
  return {
    symbol,
    interval,
    start,
    long: new Float64Array(CHUNK_SLOTS),
    short: new Float64Array(CHUNK_SLOTS),
  };
}

/** Adds after − before into `g`; false when a bucket needs an exact recompute instead. */
function addDelta(g: Float64Array, before: Float64Array, after: Float64Array): boolean {
  for (let i = 0; i < CHUNK_SLOTS; i++) {
    const b = before[i] ?? 0;
    const a = after[i] ?? 0;
    if (Object.is(a, b)) continue;
    const old = g[i] ?? 0;
    const x = old - b + a;
    // Cancellation (a contract leaving a bucket it dominated) or NaN/∞: round-off would linger, so recompute.
    if (!Number.isFinite(x) || Math.abs(x) <= 1e-9 * Math.max(Math.abs(old), Math.abs(b))) return false;
    g[i] = x;
  }
  return true;
}

/** Sums the members' chunks at `start` in member order; `override` replaces one member's not-yet-stored chunk. */
async function recompute(
  tx: GroupTx,
  group: string,
  interval: BaseInterval,
  start: number,
  members: readonly string[],
  override: { symbol: string; chunk: Pick<LiqChunk, 'long' | 'short'> },
): Promise<LiqChunk> {
  const out = zeroChunk(group, interval, start);
  for (const m of members) {
    const c =
      m === override.symbol ? override.chunk : await tx.objectStore('liqChunks').get([m, interval, start]);
    if (!c) continue;
    for (let i = 0; i < CHUNK_SLOTS; i++) {
      out.long[i] = (out.long[i] ?? 0) + (c.long[i] ?? 0);
      out.short[i] = (out.short[i] ?? 0) + (c.short[i] ?? 0);
    }
  }
  return out;
}

/** What one write transaction holds of the liquidation groups. */
export type GroupChunks = HeldGroups<LiqChunk>;

/**
 * Group chunks, member lists and markets held for the rest of `tx`: several contracts written in it add into each
 * group chunk in memory, and `flush` stores each once. Contract chunks must be put before the next contract's
 * update (a recompute reads them from the store).
 */
export function groupChunks(tx: GroupTx): GroupChunks {
  return heldGroups(
    tx.objectStore('liqGroups'),
    tx.objectStore('liqGroupMembers'),
    tx.objectStore('markets'),
  );
}

/** Folds one contract chunk change into a group's chunk at the same start. */
async function applyChange(
  tx: GroupTx,
  group: string,
  interval: BaseInterval,
  symbol: string,
  members: readonly string[],
  ch: ChunkChange,
  held: GroupChunks,
): Promise<boolean> {
  const key: [string, BaseInterval, number] = [group, interval, ch.start];
  const g = (await held.chunks.get(key)) ?? zeroChunk(group, interval, ch.start);
  const ok =
    addDelta(g.long, ch.before.long, ch.after.long) && addDelta(g.short, ch.before.short, ch.after.short);
  const chunk = ok ? g : await recompute(tx, group, interval, ch.start, members, { symbol, chunk: ch.after });
  held.chunks.set(key, chunk);
  return !ok;
}

/**
 * Brings every group `symbol` belongs to up to date with `changes`, inside the caller's transaction and before
 * the caller stores the changed contract chunks. A contract new to a group first adds its whole stored series.
 * Returns the start of the earliest group chunk changed beyond the changed buckets themselves (an exact recompute
 * re-rounds a whole chunk; a joining contract adds its whole series), or +Infinity when none was. With `held`
 * (several contracts in one transaction) group chunks and member lists stay in it for the caller to flush;
 * without, they are stored before this returns.
 */
export async function updateGroups(
  tx: GroupTx,
  symbol: string,
  interval: BaseInterval,
  changes: readonly ChunkChange[],
  held?: GroupChunks,
): Promise<number> {
  const groups = held ?? groupChunks(tx);
  let widened = Number.POSITIVE_INFINITY;
  const market = await groups.market(symbol);
  for (const group of groupsOf(market)) {
    const meta = await groups.members.get([group, interval]);
    const isMember = meta?.members.includes(symbol) ?? false;
    const members = isMember ? (meta?.members ?? []) : [...(meta?.members ?? []), symbol].sort();
    let todo = changes;
    if (!isMember) {
      // Joining: the stored series counts as a change from zero, and this write's chunks replace theirs.
      const range = IDBKeyRange.bound([symbol, interval, -Infinity], [symbol, interval, Infinity]);
      const stored = await tx.objectStore('liqChunks').getAll(range);
      const byStart = new Map<number, ChunkChange>();
      const zero = zeroChunk(symbol, interval, 0);
      for (const c of stored) byStart.set(c.start, { start: c.start, before: zero, after: c });
      for (const ch of changes) byStart.set(ch.start, { start: ch.start, before: zero, after: ch.after });
      todo = [...byStart.values()];
      groups.members.set([group, interval], { group, interval, members });
      for (const ch of todo) widened = Math.min(widened, ch.start);
    }
    for (const ch of todo)
      if (await applyChange(tx, group, interval, symbol, members, ch, groups))
        widened = Math.min(widened, ch.start);
  }
  if (!held) groups.flush();
  return widened;
}
