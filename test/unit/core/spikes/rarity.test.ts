import { describe, expect, it } from 'vitest';
import { returnPeriodSeconds, returnPeriodWords, roughNumber } from '../../../../src/core/spikes/rarity';

const HOUR = 3600;
const DAY = 86400;

describe('return periods in words', () => {
  it('two significant figures, grouped by thousands', () => {
    expect(roughNumber(2345)).toBe('2,300');
    expect(roughNumber(40.4)).toBe('40');
    expect(roughNumber(7.25)).toBe('7.3');
    expect(roughNumber(15_321)).toBe('15,000');
  });

  it('hours below two days, days below two years, years beyond', () => {
    expect(returnPeriodWords(30 * HOUR)).toBe('1 in ~30 hours');
    expect(returnPeriodWords(2300 * HOUR)).toBe('1 in ~96 days');
    expect(returnPeriodWords(40 * DAY)).toBe('1 in ~40 days');
    expect(returnPeriodWords(3 * 365.25 * DAY)).toBe('1 in ~3 years');
  });

  it('a per-bar tail p becomes bars × step; p = 0 is beyond anything the tail can name', () => {
    expect(returnPeriodSeconds(1 / 2300, HOUR)).toBeCloseTo(2300 * HOUR, 6);
    expect(returnPeriodSeconds(0.01, 900)).toBeCloseTo(90_000, 6);
    expect(returnPeriodSeconds(Number.NaN, HOUR)).toBeNaN();
    expect(returnPeriodWords(returnPeriodSeconds(0, HOUR))).toBe('rarer than the tail can say');
  });
});
