/**
 * Recomputes open interest group chunks from their members after contract chunks were cleared (Delete stored
 * data), as `liq-groups-rebuild.ts` does for liquidations: a fresh sum in member order, not a delta, so a bucket no
 * member has any more is exactly 0 with count 0, and a group chunk with nothing left is removed.
 */
import type { IDBPTransaction } from 'idb';
import {
  type ChangedChunk,
  dropEmptiedMembers,
  type EmptiedSeries,
  groupChunksOf,
} from './group-rebuild-plan';
import { blankOiGroup } from './oi-groups';
import { CHUNK_SLOTS, type LiqLabDB } from './schema';

/** The transaction a rebuild runs in. */
export type OiGroupRebuildTx = IDBPTransaction<
  LiqLabDB,
  ('ctxChunks' | 'oiGroups' | 'oiGroupMembers' | 'markets')[],
  'readwrite'
>;

/**
 * Inside the caller's transaction, after its contract chunk puts and deletes: drops contracts whose OI coverage
 * at an interval is gone from that interval's groups, then recomputes every group chunk a changed chunk belongs to.
 * A member counts in a bucket where its close is known, adding its open there too (as `updateOiGroups` does).
 */
export async function rebuildOiGroupChunks(
  tx: OiGroupRebuildTx,
  changed: readonly ChangedChunk[],
  emptied: readonly EmptiedSeries[],
): Promise<void> {
  const markets = tx.objectStore('markets');
  const meta = tx.objectStore('oiGroupMembers');
  await dropEmptiedMembers(markets, meta, emptied);
  const todo = await groupChunksOf(markets, changed);
  const chunks = tx.objectStore('ctxChunks');
  const groups = tx.objectStore('oiGroups');
  for (const { group, interval, start } of todo) {
    const members = (await meta.get([group, interval]))?.members ?? [];
    const g = blankOiGroup(group, interval, start);
    for (const symbol of members) {
      const c = await chunks.get(['oi', symbol, interval, start]);
      if (!c) continue;
      for (let i = 0; i < CHUNK_SLOTS; i++) {
        const close = c.close[i] ?? Number.NaN;
        if (Number.isNaN(close)) continue;
        const open = c.open[i] ?? Number.NaN;
        g.count[i] = (g.count[i] ?? 0) + 1;
        g.close[i] = (g.close[i] ?? 0) + close;
        g.open[i] = (g.open[i] ?? 0) + (Number.isNaN(open) ? 0 : open);
      }
    }
    if (g.count.every((n) => n === 0)) await groups.delete([group, interval, start]);
    else await groups.put(g);
  }
}
