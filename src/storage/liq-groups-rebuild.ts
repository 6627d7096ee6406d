/**
 * Recomputes group chunks from their members after contract chunks were cleared (Delete stored data). A fresh
 * sum in member order, not a delta: the group equals the sum of its contracts exactly, and a bucket no member has
 * any more is exactly 0 (a group chunk with nothing left is removed).
 */
import type { IDBPTransaction } from 'idb';
import {
  type ChangedChunk,
  dropEmptiedMembers,
  type EmptiedSeries,
  groupChunksOf,
} from './group-rebuild-plan';
import { CHUNK_SLOTS, type LiqLabDB } from './schema';

/** The transaction a rebuild runs in. */
export type GroupRebuildTx = IDBPTransaction<
  LiqLabDB,
  ('liqChunks' | 'candleChunks' | 'coverage' | 'markets' | 'liqGroups' | 'liqGroupMembers')[],
  'readwrite'
>;

/**
 * Inside the caller's transaction, after its contract chunk puts and deletes: drops contracts whose liquidation
 * coverage at an interval is gone from that interval's groups, then recomputes every group chunk a changed
 * contract chunk belongs to.
 */
export async function rebuildGroupChunks(
  tx: GroupRebuildTx,
  changed: readonly ChangedChunk[],
  emptied: readonly EmptiedSeries[],
): Promise<void> {
  const markets = tx.objectStore('markets');
  const meta = tx.objectStore('liqGroupMembers');
  await dropEmptiedMembers(markets, meta, emptied);
  const todo = await groupChunksOf(markets, changed);
  const chunks = tx.objectStore('liqChunks');
  const groups = tx.objectStore('liqGroups');
  for (const { group, interval, start } of todo) {
    const members = (await meta.get([group, interval]))?.members ?? [];
    const long = new Float64Array(CHUNK_SLOTS);
    const short = new Float64Array(CHUNK_SLOTS);
    for (const symbol of members) {
      const c = await chunks.get([symbol, interval, start]);
      if (!c) continue;
      for (let i = 0; i < CHUNK_SLOTS; i++) {
        long[i] = (long[i] ?? 0) + (c.long[i] ?? 0);
        short[i] = (short[i] ?? 0) + (c.short[i] ?? 0);
      }
    }
    const blank = long.every((x) => x === 0) && short.every((x) => x === 0);
    if (blank) await groups.delete([group, interval, start]);
    else await groups.put({ symbol: group, interval, start, long, short });
  }
}
