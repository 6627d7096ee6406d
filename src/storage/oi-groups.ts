/**
 * Open interest summed per contract group (All, each margin type, each exchange), kept current in the same
 * transaction as every per-contract OI write, like the liquidation groups (docs/storage-design.md). Per bucket a
 * group holds the sum of its members' opens and closes that have a value and how many members that is, so a
 * gap in one contract is visible (the count drops) instead of reading as a fall in open interest; where no member
 * has a value the sums are exactly 0 and the count 0 (read back as NaN, a gap).
 */
import type { BaseInterval } from '../core/intervals';
import { groupsOf } from './liq-groups';
import { CHUNK_SLOTS, type ContextWriteTx, type OhlcChunk, type OiGroupChunk } from './schema';
import { type HeldGroups, heldGroups } from './tx-chunks';

/** One contract OI chunk as it was before a write and as it will be stored. */
export interface OiChunkChange {
  start: number;
  before: Pick<OhlcChunk, 'open' | 'close'>;
  after: Pick<OhlcChunk, 'open' | 'close'>;
}

/** An empty group chunk: no member contributes anywhere. */
export function blankOiGroup(group: string, interval: BaseInterval, start: number): OiGroupChunk {
  return {
    group,
    interval,
    start,
    open: new Float64Array(CHUNK_SLOTS),
    close: new Float64Array(CHUNK_SLOTS),
    count: new Uint16Array(CHUNK_SLOTS),
  };
}

/** Moves one member's value in one column from `b` to `a` (either may be NaN: no value). */
function shift(sum: Float64Array, i: number, b: number, a: number): void {
  const old = sum[i] ?? 0;
  sum[i] = old - (Number.isNaN(b) ? 0 : b) + (Number.isNaN(a) ? 0 : a);
}

/** Folds a change into `g`; a bucket whose count falls to 0 gets sums of exactly 0 (no round-off residue). */
function apply(g: OiGroupChunk, ch: OiChunkChange): void {
  for (let i = 0; i < CHUNK_SLOTS; i++) {
    const bc = ch.before.close[i] ?? Number.NaN;
    const ac = ch.after.close[i] ?? Number.NaN;
    const bo = ch.before.open[i] ?? Number.NaN;
    const ao = ch.after.open[i] ?? Number.NaN;
    if (Object.is(bc, ac) && Object.is(bo, ao)) continue;
    // A member contributes to a bucket where its close is known (the API sends o and c together).
    const count = (g.count[i] ?? 0) - (Number.isNaN(bc) ? 0 : 1) + (Number.isNaN(ac) ? 0 : 1);
    g.count[i] = count;
    if (count === 0) {
      g.open[i] = 0;
      g.close[i] = 0;
      continue;
    }
    shift(g.open, i, Number.isNaN(bc) ? Number.NaN : bo, Number.isNaN(ac) ? Number.NaN : ao);
    shift(g.close, i, bc, ac);
  }
}

const NAN_CHUNK = (() => {
  const nan = new Float64Array(CHUNK_SLOTS).fill(Number.NaN);
  return { open: nan, close: nan };
})();

/** What one write transaction holds of the open interest groups. */
export type OiGroupChunks = HeldGroups<OiGroupChunk>;

/** OI group chunks, member lists and markets held for the rest of `tx`: several contracts store each once. */
export function oiGroupChunks(tx: ContextWriteTx): OiGroupChunks {
  return heldGroups(tx.objectStore('oiGroups'), tx.objectStore('oiGroupMembers'), tx.objectStore('markets'));
}

/**
 * Brings every OI group `symbol` belongs to up to date with `changes`, inside the caller's transaction and before
 * the caller stores the changed contract chunks. A contract new to a group first adds its whole stored series.
 * With `held`, group chunks and member lists stay there for the caller to flush.
 */
export async function updateOiGroups(
  tx: ContextWriteTx,
  symbol: string,
  interval: BaseInterval,
  changes: readonly OiChunkChange[],
  held?: OiGroupChunks,
): Promise<void> {
  if (changes.length === 0) return;
  const groups = held ?? oiGroupChunks(tx);
  const market = await groups.market(symbol);
  for (const group of groupsOf(market)) {
    const m = await groups.members.get([group, interval]);
    let todo = changes;
    if (!m?.members.includes(symbol)) {
      const range = IDBKeyRange.bound(
        ['oi', symbol, interval, -Infinity],
        ['oi', symbol, interval, Infinity],
      );
      const stored = await tx.objectStore('ctxChunks').getAll(range);
      const byStart = new Map<number, OiChunkChange>();
      for (const c of stored) byStart.set(c.start, { start: c.start, before: NAN_CHUNK, after: c });
      for (const ch of changes)
        byStart.set(ch.start, { start: ch.start, before: NAN_CHUNK, after: ch.after });
      todo = [...byStart.values()];
      groups.members.set([group, interval], {
        group,
        interval,
        members: [...(m?.members ?? []), symbol].sort(),
      });
    }
    for (const ch of todo) {
      const key: [string, BaseInterval, number] = [group, interval, ch.start];
      const g = (await groups.chunks.get(key)) ?? blankOiGroup(group, interval, ch.start);
      apply(g, ch);
      groups.chunks.set(key, g);
    }
  }
  if (!held) groups.flush();
}
