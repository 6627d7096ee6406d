import { describe, expect, it } from 'vitest';
import {
  CompletionEstimate,
  contextProgress,
  intervalProgress,
} from '../../../../src/workers/fetch/backfill-progress';

const series = [
  { interval: '1min' as const, key: 'liq|A|1min', context: false },
  { interval: '1min' as const, key: 'candle|M|1min', context: false },
  { interval: '1hour' as const, key: 'liq|A|1hour', context: false },
  { interval: '5min' as const, key: 'oi|A|5min', context: true },
  { interval: '1hour' as const, key: 'funding|A|1hour', context: true },
  { interval: 'daily' as const, key: 'predicted|A|daily', context: true },
];
const chartDone = ['liq|A|1min', 'candle|M|1min', 'liq|A|1hour'];

describe('intervalProgress', () => {
  it('counts liquidation and candle series per interval in fetch order, context series left out', () => {
    expect(intervalProgress(series, new Set(['liq|A|1min']), ['1min', '5min', '1hour'])).toEqual([
      { interval: '1min', done: 1, total: 2 },
      { interval: '1hour', done: 0, total: 1 },
    ]);
  });
  it('is null once every liquidation and candle series is backfilled, whatever context series still lack', () => {
    expect(intervalProgress(series, new Set(chartDone), ['1min', '1hour'])).toBeNull();
  });
});

describe('paused series (set aside by their health)', () => {
  const held = (key: string) => key === 'candle|M|1min' || key === 'funding|A|1hour';
  it('are counted as paused, not done, and only while not backfilled', () => {
    expect(intervalProgress(series, new Set(), ['1min', '1hour'], held)).toEqual([
      { interval: '1min', done: 0, total: 2, paused: 1 },
      { interval: '1hour', done: 0, total: 1 },
    ]);
    expect(contextProgress(series, new Set(['oi|A|5min']), held)).toEqual({ done: 1, total: 3, paused: 1 });
    // Backfilled after all (a good answer came): done, no longer paused.
    expect(contextProgress(series, new Set(['oi|A|5min', 'funding|A|1hour']), held)).toEqual({
      done: 2,
      total: 3,
    });
  });
  it('are not waited for: the progress ends when every other series is done', () => {
    expect(
      intervalProgress(series, new Set(['liq|A|1min', 'liq|A|1hour']), ['1min', '1hour'], held),
    ).toBeNull();
    expect(contextProgress(series, new Set(['oi|A|5min', 'predicted|A|daily']), held)).toBeNull();
  });
  it('take no call in the completion time', () => {
    const e = new CompletionEstimate(38);
    const rows = [{ interval: '1min' as const, done: 0, total: 40, paused: 1 }];
    expect(e.update(rows, 1_000_000)).toBe(1000 + 1 * 60);
    expect(new CompletionEstimate(38).update([{ done: 0, total: 40, paused: 2 }], 1_000_000)).toBe(1000);
  });
});

describe('contextProgress', () => {
  it('counts the open interest and funding series of every interval as one, liquidations and candles left out', () => {
    expect(contextProgress(series, new Set(chartDone))).toEqual({ done: 0, total: 3 });
    expect(contextProgress(series, new Set(['oi|A|5min', 'predicted|A|daily', 'liq|A|1min']))).toEqual({
      done: 2,
      total: 3,
    });
  });
  it('is null once every context series is backfilled, or when none is fetched', () => {
    const all = new Set(series.map((s) => s.key));
    expect(contextProgress(series, all)).toBeNull();
    expect(contextProgress(series.slice(0, 3), new Set())).toBeNull();
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

  it('is never sooner than the pace seen over the last minutes once two minutes of progress are in', () => {
    // Open interest and funding: 280 series, 28 calls a window by the model, but 3 a minute arrive (the live
    // refresh and longer histories share the budget).
    const e = new CompletionEstimate(28, 61);
    const ctx = (done: number) => [{ done, total: 280 }];
    const t0 = 5_000_000;
    expect(e.update(ctx(0), t0)).toBe(5000 + 9 * 61); // the model alone: 28 calls now, then 28 a window
    let at = 0;
    for (let m = 1; m <= 6; m++) at = e.update(ctx(3 * m), t0 + m * 60_000) ?? 0;
    // 262 left at 3 a minute: about 87 minutes on, not the model's 10 windows.
    const now = 5000 + 6 * 60;
    expect(at).toBeGreaterThanOrEqual(now + 85 * 60);
    expect(at).toBeLessThanOrEqual(now + 90 * 60);
  });

  it('moves on when the time passes with no progress, instead of saying "under a minute" for ever', () => {
    const e = new CompletionEstimate(38);
    const t0 = 7_000_000;
    const first = e.update(rows(65), t0) ?? 0;
    expect(first).toBe(7000); // 35 left, all free now
    // Nothing finishes for seven minutes.
    let at = first;
    for (let m = 1; m <= 7; m++) {
      at = e.update(rows(65), t0 + m * 60_000) ?? 0;
      expect(at * 1000).toBeGreaterThan(t0 + m * 60_000);
    }
    // At least one series per the 7 minutes seen: 35 left take hours at that pace, not seconds.
    expect(at).toBeGreaterThan(7000 + 60 * 60);
  });
});
