import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRange, covers, intersectRanges, subtractRange, uncovered } from '../../../src/core/ranges';

describe('coverage ranges', () => {
  it('merges overlapping and touching ranges', () => {
    expect(
      addRange(
        [
          [0, 10],
          [20, 30],
        ],
        [10, 20],
      ),
    ).toEqual([[0, 30]]);
    expect(addRange([[0, 10]], [15, 20])).toEqual([
      [0, 10],
      [15, 20],
    ]);
  });

  it('lists the gaps inside a span', () => {
    expect(
      uncovered(
        [
          [10, 20],
          [30, 40],
        ],
        0,
        50,
      ),
    ).toEqual([
      [0, 10],
      [20, 30],
      [40, 50],
    ]);
    expect(covers([[0, 100]], 10, 20)).toBe(true);
    expect(
      covers(
        [
          [0, 10],
          [11, 20],
        ],
        0,
        20,
      ),
    ).toBe(false);
  });

  it('agrees with a per-second model for any sequence of additions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }))),
        (adds) => {
          let ranges: Array<[number, number]> = [];
          const model = new Uint8Array(100);
          for (const [from, len] of adds) {
            ranges = addRange(ranges, [from, from + len]);
            model.fill(1, from, from + len);
          }
          for (let t = 0; t < 100; t++) expect(covers(ranges, t, t + 1)).toBe(model[t] === 1);
          for (let i = 1; i < ranges.length; i++)
            expect((ranges[i]?.[0] ?? 0) > (ranges[i - 1]?.[1] ?? 0)).toBe(true);
        },
      ),
    );
  });

  it('cutting a span out and intersecting with it agree with a per-second model', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }))),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 40 }),
        (adds, from, len) => {
          let ranges: Array<[number, number]> = [];
          const model = new Uint8Array(100);
          for (const [a, n] of adds) {
            ranges = addRange(ranges, [a, a + n]);
            model.fill(1, a, a + n);
          }
          const left = subtractRange(ranges, from, from + len);
          const cut = intersectRanges(ranges, from, from + len);
          for (let t = 0; t < 100; t++) {
            const inCut = t >= from && t < from + len;
            expect(covers(left, t, t + 1)).toBe(model[t] === 1 && !inCut);
            expect(covers(cut, t, t + 1)).toBe(model[t] === 1 && inCut);
          }
          for (const r of [...left, ...cut]) expect(r[0] < r[1]).toBe(true);
        },
      ),
    );
  });
});
