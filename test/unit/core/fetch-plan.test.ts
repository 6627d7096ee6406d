import { describe, expect, it } from 'vitest';
import { coverageStart, guaranteedStart, planSeries } from '../../../src/core/fetch-plan';

const now = 1_772_000_000 - (1_772_000_000 % 60) + 17;

describe('fetch planning', () => {
  it('never claims coverage before the first returned bucket near the retention horizon', () => {
    const g = guaranteedStart('1min', now);
    expect(coverageStart('1min', now - 2000 * 60, now, g + 600)).toBe(g);
    expect(coverageStart('1min', now - 2000 * 60, now, g - 6000)).toBe(g - 6000);
    expect(coverageStart('1min', now - 2000 * 60, now, null)).toBe(g);
    expect(coverageStart('daily', 1546300800, now, null)).toBe(1546300800);
  });

  it('plans backfill first time, live refresh of the open bucket, and gap fill after a long absence', () => {
    const base = { kind: 'liq' as const, symbol: 'X', interval: '1min' as const, backfilled: true };
    expect(planSeries({ ...base, ranges: [], backfilled: false }, now, true)?.tier).toBe('backfill');
    const end = now - (now % 60) + 60;
    const live = planSeries({ ...base, ranges: [[now - 3600, end]] }, now, true);
    expect(live).toMatchObject({ tier: 'live', from: end - 60 });
    expect(planSeries({ ...base, ranges: [[now - 3600, end]] }, now, false)).toBeNull();
    expect(planSeries({ ...base, ranges: [[now - 7200, now - 3600]] }, now, false)?.tier).toBe('gap');
  });
});
