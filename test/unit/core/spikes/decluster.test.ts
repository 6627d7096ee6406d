import { describe, expect, it } from 'vitest';
import { declusterRuns, runIsFinal } from '../../../../src/core/spikes/decluster';

describe('runs-rule de-clustering (hand-checked)', () => {
  //            0  1  2  3  4  5  6  7  8  9 10 11
  const flags = [0, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1];
  it('r = 1: one quiet bar joins, two split', () => {
    // 1,2 spike; 3 quiet (gap 1 ≤ r) → 4 joins; 5,6,7 quiet (gap 3) → 8 new; 9,10 quiet (gap 2) → 11 new.
    expect(declusterRuns(flags, 1)).toEqual([
      { first: 1, last: 4 },
      { first: 8, last: 8 },
      { first: 11, last: 11 },
    ]);
  });
  it('r = 3 joins 1…8; r = 0 keeps only adjacent bars together', () => {
    expect(declusterRuns(flags, 3)).toEqual([{ first: 1, last: 11 }]);
    expect(declusterRuns(flags, 0)).toEqual([
      { first: 1, last: 2 },
      { first: 4, last: 4 },
      { first: 8, last: 8 },
      { first: 11, last: 11 },
    ]);
  });
  it('a run is final only once r quiet bars after it are known', () => {
    expect(runIsFinal({ first: 8, last: 8 }, 1, 9)).toBe(false);
    expect(runIsFinal({ first: 8, last: 8 }, 1, 10)).toBe(true);
  });
});
