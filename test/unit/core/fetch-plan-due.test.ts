import { describe, expect, it } from 'vitest';
import { dueAfterNone, nextDue, planSeries, type SeriesState } from '../../../src/core/fetch-plan';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../../../src/core/intervals';
import { floorTo } from '../../../src/core/time';

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERVALS: BaseInterval[] = ['1min', '5min', '15min', '1hour', 'daily'];
const T0 = 1_772_000_000;

/** The scheduler's view: a job counts unless it is a live refresh while live polling is off. */
function hasJob(s: SeriesState, t: number, liveAt: number | null): boolean {
  const job = planSeries(s, t, liveAt !== null && liveAt <= t);
  return job !== null && (liveAt !== null || job.tier !== 'live');
}

describe('nextDue: when an idle series next has a job', () => {
  it('no job at any second before it, a job at it (random coverage, intervals, live on and off)', () => {
    const r = rng(7);
    let checked = 0;
    for (let n = 0; n < 400; n++) {
      const interval = INTERVALS[Math.floor(r() * INTERVALS.length)] ?? '1min';
      const step = BASE_INTERVAL_SECONDS[interval];
      const kind = r() < 0.5 ? 'liq' : 'candle';
      const now = T0 + Math.floor(r() * 86_400);
      // Coverage up to the open bucket's end, or a little behind it (the app was away a while).
      const end = floorTo(now, step) + step - (r() < 0.5 ? 0 : step * Math.floor(r() * 4));
      const s: SeriesState = {
        kind,
        symbol: 'X',
        interval,
        ranges: [[end - 3000 * step, end]],
        backfilled: true,
      };
      const liveAt = r() < 0.2 ? null : now + Math.floor(r() * 120);
      const due = nextDue(s, now, liveAt);
      if (hasJob(s, now, liveAt)) {
        expect(due).toBe(now);
        continue;
      }
      expect(due).toBeGreaterThan(now);
      // The shortcut the scheduler takes once it found no job itself.
      expect(dueAfterNone(s, now, liveAt)).toBe(due);
      const horizon = Math.min(due, now + 3 * 86_400);
      // Every second of the first two hours and the last ten minutes before it; a sample in between.
      let early: number | null = null;
      for (let t = now; t < horizon; t += t - now < 7200 || horizon - t < 600 ? 1 : 97)
        if (hasJob(s, t, liveAt)) {
          early = t;
          break;
        }
      expect(
        early,
        `${interval} ${kind}: a job ${(early ?? now) - now} s in, due said ${due - now}`,
      ).toBeNull();
      if (Number.isFinite(due)) expect(hasJob(s, due, liveAt)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    // Millions of plans: seconds on a quiet machine, more on a loaded one.
  }, 60_000);

  it('a series with a hole or without history is due now', () => {
    const now = T0;
    const hole: SeriesState = {
      kind: 'liq',
      symbol: 'X',
      interval: '1hour',
      ranges: [
        [now - 100 * 3600, now - 50 * 3600],
        [now - 40 * 3600, floorTo(now, 3600) + 3600],
      ],
      backfilled: true,
    };
    expect(nextDue(hole, now, now + 30)).toBe(now);
    expect(nextDue({ ...hole, ranges: [] }, now, null)).toBe(now);
  });
});
