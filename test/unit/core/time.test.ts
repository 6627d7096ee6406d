import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utcHour } from '../../../src/core/time';

describe('utcHour', () => {
  it('is the hour Date reports in UTC, before and after the epoch', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000, max: 4_000_000_000 }), (t) => {
        expect(utcHour(t)).toBe(new Date(t * 1000).getUTCHours());
      }),
    );
  });
  it('changes exactly on the hour', () => {
    const midnight = Date.UTC(2024, 7, 5) / 1000;
    expect(utcHour(midnight - 1)).toBe(23);
    expect(utcHour(midnight)).toBe(0);
    expect(utcHour(midnight + 3599)).toBe(0);
    expect(utcHour(midnight + 3600)).toBe(1);
  });
});
