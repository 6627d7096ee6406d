import { describe, expect, it } from 'vitest';
import { chunkPieces, clipCoverage, coveredChunks } from '../../../../../src/workers/fetch/csv/export-chunks';

const SPAN = 4096 * 60; // one 1min chunk

describe('archive export chunk reads', () => {
  it('cut ranges into chunk pieces: a range across a chunk boundary is two pieces, slots half-open', () => {
    expect(chunkPieces([[SPAN - 120, SPAN + 60]], 60)).toEqual([
      { start: 0, i0: 4094, i1: 4096 },
      { start: SPAN, i0: 0, i1: 1 },
    ]);
    // Two ranges in one chunk read it twice, each for its own slots.
    expect(
      chunkPieces(
        [
          [0, 60],
          [600, 720],
        ],
        60,
      ),
    ).toEqual([
      { start: 0, i0: 0, i1: 1 },
      { start: 0, i0: 10, i1: 12 },
    ]);
  });

  it('clip coverage to the request with its start floored to the series grid', () => {
    expect(
      clipCoverage(
        [
          [0, 7200],
          [10800, 14400],
        ],
        '1hour',
        1800,
        12000,
      ),
    ).toEqual([
      [0, 7200],
      [10800, 12000],
    ]);
    expect(clipCoverage([[0, 7200]], '1hour', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toEqual([
      [0, 7200],
    ]);
    expect(clipCoverage([[0, 3600]], '1hour', 3600, 7200)).toEqual([]);
  });

  it('yield the stored chunks in order with their slots, passing over the missing one', async () => {
    const stored = new Map([
      [0, 'a'],
      [2 * SPAN, 'c'],
    ]);
    const got: Array<[string, number, number, number]> = [];
    for await (const p of coveredChunks([[0, 3 * SPAN]], 60, async (start) => stored.get(start)))
      got.push([p.chunk, p.start, p.i0, p.i1]);
    expect(got).toEqual([
      ['a', 0, 0, 4096],
      ['c', 2 * SPAN, 0, 4096],
    ]);
  });
});
