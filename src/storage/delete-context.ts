/**
 * The open interest and funding part of "Delete stored data", inside the delete's one transaction: the selected
 * buckets become gaps (NaN) and a chunk left with nothing is deleted, coverage loses the span, and every OI group
 * chunk that summed a changed contract chunk is recomputed from its members (`oi-groups-rebuild.ts`).
 */
import type { ContextKind } from '../core/context/series';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';
import { type Range, subtractRange } from '../core/ranges';
import { floorTo } from '../core/time';
import { bucketCount, cutOf, type DeleteSelection } from './delete-cut';
import type { ChangedChunk, EmptiedSeries } from './group-rebuild-plan';
import { type OiGroupRebuildTx, rebuildOiGroupChunks } from './oi-groups-rebuild';
import { CHUNK_SLOTS, type ContextCoverage, type ContextWriteTx } from './schema';

/** Buckets a selection removes per context kind, and how many context series lose something. */
export interface ContextDeleteCount {
  oiPoints: number;
  fundingPoints: number;
  predictedPoints: number;
  series: number;
}

/** One context series' cut, as the caller announces it. */
export interface ContextCut {
  kind: ContextKind;
  symbol: string;
  interval: BaseInterval;
  cut: Range[];
}

const FIELD: Readonly<Record<ContextKind, 'oiPoints' | 'fundingPoints' | 'predictedPoints'>> = {
  oi: 'oiPoints',
  funding: 'fundingPoints',
  predicted: 'predictedPoints',
};

/** Counts the covered context buckets `sel` removes (a covered gap counts: it is a known point too). */
export function countContext(coverage: readonly ContextCoverage[], sel: DeleteSelection): ContextDeleteCount {
  const out: ContextDeleteCount = { oiPoints: 0, fundingPoints: 0, predictedPoints: 0, series: 0 };
  for (const c of coverage) {
    const n = bucketCount(cutOf(c, sel), BASE_INTERVAL_SECONDS[c.interval]);
    if (n === 0) continue;
    out.series++;
    out[FIELD[c.kind]] += n;
  }
  return out;
}

/** Sets the cut buckets of one series to NaN; returns the chunk starts it changed. */
async function clearContextChunks(
  tx: ContextWriteTx,
  c: ContextCoverage,
  cut: readonly Range[],
): Promise<number[]> {
  const step = BASE_INTERVAL_SECONDS[c.interval];
  const span = step * CHUNK_SLOTS;
  const starts = new Set<number>();
  for (const [a, b] of cut) for (let s: number = floorTo(a, span); s < b; s += span) starts.add(s);
  const store = tx.objectStore('ctxChunks');
  const changed: number[] = [];
  for (const start of starts) {
    const key: [ContextKind, string, BaseInterval, number] = [c.kind, c.symbol, c.interval, start];
    const chunk = await store.get(key);
    if (!chunk) continue;
    const cols = [chunk.open, chunk.high, chunk.low, chunk.close];
    for (const [a, b] of cut) {
      const i0 = Math.max(0, (a - start) / step);
      const i1 = Math.min(CHUNK_SLOTS, (b - start) / step);
      for (const col of cols) if (i1 > i0) col.fill(Number.NaN, i0, i1);
    }
    // A chunk of nothing but gaps is removed: deleting is how a user frees space.
    if (cols.every((col) => col.every(Number.isNaN))) void store.delete(key).catch(() => undefined);
    else void store.put(chunk).catch(() => undefined);
    changed.push(start);
  }
  return changed;
}

/** Deletes the context part of `sel` inside `tx`; returns what it removed, per series. */
export async function deleteContext(tx: ContextWriteTx, sel: DeleteSelection): Promise<ContextCut[]> {
  const coverage = tx.objectStore('ctxCoverage');
  const cuts: ContextCut[] = [];
  const changedOi: ChangedChunk[] = [];
  const emptied: EmptiedSeries[] = [];
  for (const c of await coverage.getAll()) {
    const cut = cutOf(c, sel);
    if (cut.length === 0) continue;
    const starts = await clearContextChunks(tx, c, cut);
    if (c.kind === 'oi')
      for (const start of starts) changedOi.push({ symbol: c.symbol, interval: c.interval, start });
    let left = c.ranges;
    for (const [a, b] of cut) left = subtractRange(left, a, b);
    if (left.length > 0) void coverage.put({ ...c, ranges: left }).catch(() => undefined);
    else {
      void coverage.delete([c.kind, c.symbol, c.interval]).catch(() => undefined);
      if (c.kind === 'oi') emptied.push({ symbol: c.symbol, interval: c.interval });
    }
    cuts.push({ kind: c.kind, symbol: c.symbol, interval: c.interval, cut });
  }
  await rebuildOiGroupChunks(tx as unknown as OiGroupRebuildTx, changedOi, emptied);
  return cuts;
}
