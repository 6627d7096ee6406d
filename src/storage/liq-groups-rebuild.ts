/**
 * Recomputes group chunks from their members after contract chunks were cleared (Delete stored data). A fresh
 * sum in member order, not a delta: the group equals the sum of its contracts exactly, and a bucket no member has
 * any more is exactly 0 (a group chunk with nothing left is removed).
 */
import type { IDBPTransaction } from 'idb';
import type { BaseInterval } from '../core/intervals';
import { groupsOf } from './liq-groups';
import { CHUNK_SLOTS, type LiqLabDB } from './schema';

/** One contract chunk that a deletion changed. */
export interface ChangedChunk {
  symbol: string;
  interval: BaseInterval;
  start: number;
}

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
  emptied: ReadonlyArray<{ symbol: string; interval: BaseInterval }>,
): Promise<void> {
  const markets = tx.objectStore('markets');
  const meta = tx.objectStore('liqGroupMembers');
  for (const { symbol, interval } of emptied)
    for (const group of groupsOf(await markets.get(symbol))) {
      const m = await meta.get([group, interval]);
      if (!m?.members.includes(symbol)) continue;
      const members = m.members.filter((s) => s !== symbol);
      if (members.length === 0) await meta.delete([group, interval]);
      else await meta.put({ ...m, members });
    }
  const todo = new Map<string, { group: string; interval: BaseInterval; start: number }>();
  for (const c of changed)
    for (const group of groupsOf(await markets.get(c.symbol)))
      todo.set(`${group}\n${c.interval}\n${c.start}`, { group, interval: c.interval, start: c.start });
  const chunks = tx.objectStore('liqChunks');
  const groups = tx.objectStore('liqGroups');
  for (const { group, interval, start } of todo.values()) {
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
