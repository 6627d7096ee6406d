import { describe, expect, it } from 'vitest';
import { CompletionEstimate, intervalProgress } from '../../../../src/workers/fetch/backfill-progress';

const series = [
  { interval: '1min' as const, key: 'liq|A|1min', counted: true },
  { interval: '1min' as const, key: 'candle|M|1min', counted: true },
  { interval: '1hour' as const, key: 'liq|A|1hour', counted: true },
  { interval: '5min' as const, key: 'oi|A|5min', counted: false },
];

describe('intervalProgress', () => {
  it('counts liquidation and candle series per interval in fetch order, context series left out', () => {
    expect(intervalProgress(series, new Set(['liq|A|1min']), ['1min', '5min', '1hour'])).toEqual([
      { interval: '1min', done: 1, total: 2 },
      { interval: '1hour', done: 0, total: 1 },
    ]);
  });
  it('is null once every counted series is backfilled, whatever context series still lack', () => {
    expect(
      intervalProgress(series, new Set(['liq|A|1min', 'candle|M|1min', 'liq|A|1hour']), ['1min', '1hour']),
    ).toBeNull();
  });
});

describe('CompletionEstimate', () => {
  const rows = (done: number) => [{ interval: '1min' as const, done, total: 100 }];
  it('puts the last of N calls at rate per minute floor((N − 1)/rate) minutes on, and keeps it while N holds', () => {
    const e = new CompletionEstimate(38);
    expect(e.update(rows(0), 1_000_000)).toBe(1000 + 2 * 60);
    // The clock moving alone changes nothing (no new status notice for it).
    expect(e.update(rows(0), 1_030_000)).toBe(1000 + 2 * 60);
    expect(e.update(rows(62), 1_061_000)).toBe(1061);
    expect(e.update(null, 1_100_000)).toBeNull();
  });
});
