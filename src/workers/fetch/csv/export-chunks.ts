/**
 * How the archive export reads a series: chunk by chunk over its clipped coverage, with a few reads kept in flight
 * ahead of the chunk being written, so IndexedDB reads overlap the formatting.
 */
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../../../core/intervals';
import { intersectRanges, type Range } from '../../../core/ranges';
import { floorTo } from '../../../core/time';
import { CHUNK_SLOTS } from '../../../storage/schema';

/** Chunk reads kept in flight ahead of the one being written: IndexedDB reads then overlap the formatting. */
const READ_AHEAD = 4;

/** Yields `get(0) … get(n - 1)` in order, with up to READ_AHEAD reads started ahead. */
export async function* prefetched<T>(n: number, get: (j: number) => Promise<T>): AsyncGenerator<T> {
  const ahead: Array<Promise<T>> = [];
  const start = (j: number) => {
    const p = get(j);
    p.catch(() => {}); // a read abandoned by a cancelled export must not surface as unhandled
    ahead.push(p);
  };
  for (let j = 0; j < Math.min(n, READ_AHEAD); j++) start(j);
  for (let j = 0; j < n; j++) {
    const next = ahead.shift();
    if (j + READ_AHEAD < n) start(j + READ_AHEAD);
    if (next) yield await next;
  }
}

/** One chunk's part of a series' ranges: the chunk's start and its slots [i0, i1) inside a range. */
export interface ChunkPiece {
  start: number;
  i0: number;
  i1: number;
}

/** The chunk pieces that cover `ranges` of a series stored every `step` seconds, in range order. */
export function chunkPieces(ranges: readonly Range[], step: number): ChunkPiece[] {
  const span = step * CHUNK_SLOTS;
  const pieces: ChunkPiece[] = [];
  for (const [a, b] of ranges)
    for (let start: number = floorTo(a, span); start < b; start += span)
      pieces.push({
        start,
        i0: Math.max(0, (a - start) / step),
        i1: Math.min(CHUNK_SLOTS, (b - start) / step),
      });
  return pieces;
}

/**
 * The stored chunks over `ranges` (read through `get` by chunk start, READ_AHEAD in flight), each with the slots
 * to write; a chunk that is not stored is passed over.
 */
export async function* coveredChunks<C>(
  ranges: readonly Range[],
  step: number,
  get: (start: number) => Promise<C | undefined>,
): AsyncGenerator<ChunkPiece & { chunk: C }> {
  const pieces = chunkPieces(ranges, step);
  let j = 0;
  for await (const chunk of prefetched(pieces.length, (i) => get(pieces[i]?.start ?? 0))) {
    const piece = pieces[j++] ?? { start: 0, i0: 0, i1: 0 };
    if (chunk) yield { ...piece, chunk };
  }
}

/** Coverage ranges clipped to [lo, hi), `lo` floored to the series' grid (so a partly requested bucket is whole). */
export function clipCoverage(
  ranges: readonly Range[],
  interval: BaseInterval,
  lo: number,
  hi: number,
): Array<[number, number]> {
  return intersectRanges(ranges, floorTo(lo, BASE_INTERVAL_SECONDS[interval]), hi);
}
