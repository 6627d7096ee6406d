/** What an import would change, bucket by bucket: shared by the liquidation, candle and context paths. */
import type { SeriesBatch } from '../../../core/csv/batch';
import type { Range } from '../../../core/ranges';
import { floorTo } from '../../../core/time';
import type { ImportDiff } from './apply';

/** A chunk's value columns before and after an import. */
export interface ChunkColumns {
  before: Float64Array[];
  after: Float64Array[];
}

/**
 * Every chunk (by start, `span` seconds each) that `ranges` touch, as `read` gives it (stored, or blank), with a
 * copy of its value columns as they were and the record's own columns to change.
 */
export async function loadChunks<C>(
  ranges: readonly Range[],
  span: number,
  read: (start: number) => Promise<C>,
  columns: (rec: C) => Float64Array[],
): Promise<Map<number, ChunkColumns & { rec: C }>> {
  const chunks = new Map<number, ChunkColumns & { rec: C }>();
  for (const [a, b] of ranges)
    for (let start: number = floorTo(a, span); start < b; start += span) {
      if (chunks.has(start)) continue;
      const rec = await read(start);
      chunks.set(start, { before: columns(rec).map((c) => c.slice()), after: columns(rec), rec });
    }
  return chunks;
}

/** Writes each of the file's points into the `after` columns of its chunk (a missing cell becomes NaN). */
export function placePoints(
  s: SeriesBatch,
  step: number,
  span: number,
  chunks: ReadonlyMap<number, ChunkColumns>,
): void {
  for (let k = 0; k < s.n; k++) {
    const t = s.t[k] ?? 0;
    const c = chunks.get(floorTo(t, span));
    const i = (t - floorTo(t, span)) / step;
    if (c)
      c.after.forEach((col, j) => {
        col[i] = s.cols[j]?.[k] ?? Number.NaN;
      });
  }
}

/**
 * Adds to `diff` each bucket of `ranges` (the file's coverage): new when the store did not cover it (`old`),
 * overwritten when a value differs (NaN and -0 compared exactly), else unchanged.
 */
export function countDiff(
  ranges: readonly Range[],
  old: readonly Range[],
  step: number,
  span: number,
  chunks: ReadonlyMap<number, ChunkColumns>,
  diff: ImportDiff,
): void {
  let o = 0;
  for (const [a, b] of ranges)
    for (let t = a; t < b; t += step) {
      while (o < old.length && (old[o]?.[1] ?? 0) <= t) o++;
      const wasCovered = o < old.length && (old[o]?.[0] ?? 0) <= t;
      const c = chunks.get(floorTo(t, span));
      if (!c) continue;
      const i = (t - floorTo(t, span)) / step;
      if (!wasCovered) diff.newPoints++;
      else if (c.before.some((col, j) => !Object.is(col[i], c.after[j]?.[i]))) diff.overwritten++;
      else diff.unchanged++;
    }
}

/** True when any value of the chunk changed. */
export function chunkChanged(c: ChunkColumns): boolean {
  return c.before.some((col, j) => col.some((x, i) => !Object.is(x, c.after[j]?.[i])));
}

/** Puts are not awaited one by one (tx.done covers them); an abort must not surface as unhandled rejections. */
export function settle(p: Promise<unknown>): void {
  p.catch(() => undefined);
}
