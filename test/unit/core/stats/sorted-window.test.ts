import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedWindow } from '../../../../src/core/stats/sorted-window';

function naiveMad(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const med = (v: number[]) => {
    const h = v.length >> 1;
    return v.length % 2 ? (v[h] ?? 0) : ((v[h - 1] ?? 0) + (v[h] ?? 0)) / 2;
  };
  const m = med(s);
  return med(s.map((v) => Math.abs(v - m)).sort((a, b) => a - b));
}

describe('SortedWindow', () => {
  it('MAD by k-th of two sorted sequences equals the naive MAD', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 60 }), (xs) => {
        const w = new SortedWindow(4);
        for (const v of xs) w.insert(v);
        expect(w.mad(w.median())).toBeCloseTo(naiveMad(xs), 12);
      }),
    );
  });
  it('insert/remove keeps order and counts', () => {
    const w = new SortedWindow(2);
    for (const v of [5, 1, 3, 3, Number.NaN]) w.insert(v);
    expect(w.size).toBe(4);
    expect(w.remove(3)).toBe(true);
    expect(w.remove(7)).toBe(false);
    expect([0, 1, 2].map((i) => w.at(i))).toEqual([1, 3, 5]);
    expect(w.countAtLeast(3)).toBe(2);
  });
});

/** Two windows holding `xs`: one to step with replace, the other with remove + insert. */
function twins(xs: readonly number[]): [SortedWindow, SortedWindow] {
  const a = new SortedWindow(4);
  const b = new SortedWindow(4);
  for (const v of xs) {
    a.insert(v);
    b.insert(v);
  }
  return [a, b];
}

/** replace(out, x) on `a` and remove + insert on `b` leave the same values. */
function expectSameStep(a: SortedWindow, b: SortedWindow, out: number, x: number): void {
  a.replace(out, x);
  b.remove(out);
  b.insert(x);
  expect(a.size).toBe(b.size);
  for (let i = 0; i < a.size; i++) expect(a.at(i)).toBe(b.at(i));
}

describe('SortedWindow.replace', () => {
  it('equals remove + insert for any values (ties and NaN included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constant(Number.NaN)),
        (xs, k, x) => {
          const [a, b] = twins(xs);
          expectSameStep(a, b, xs[k % xs.length] ?? 0, x);
        },
      ),
    );
  });

  it('after countAtLeast(x) (scored, then admitted) still equals remove + insert, also when the window changed between', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2, maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: -6, max: 6 }),
        fc.option(fc.integer({ min: -6, max: 6 })),
        (xs, k, x, between) => {
          const [a, b] = twins(xs);
          expect(a.countAtLeast(x)).toBe(xs.filter((v) => v >= x).length);
          if (between !== null) {
            // A change after the search must not let replace reuse its stale position.
            a.insert(between);
            b.insert(between);
          }
          expectSameStep(a, b, xs[k % xs.length] ?? 0, x);
        },
      ),
    );
  });

  it('MAD is exact when values tie across the middle (the median search is skipped only without ties)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 0, 0, 1, 2, 3), { minLength: 1, maxLength: 40 }), (xs) => {
        const w = new SortedWindow(4);
        for (const v of xs) w.insert(v);
        expect(w.mad(w.median())).toBeCloseTo(naiveMad(xs), 12);
      }),
    );
  });
});
