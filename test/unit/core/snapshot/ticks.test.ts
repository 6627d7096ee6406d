import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisPrice, niceStep, niceTicks, timeLabel, timeTicks } from '../../../../src/core/snapshot/ticks';

const utc = (iso: string) => Date.parse(iso) / 1000;

describe('niceStep / niceTicks', () => {
  it('picks 1, 2, 2.5 or 5 × 10^k at or above span / count', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(7, 6)).toBe(2);
    expect(niceStep(1, 4)).toBe(0.25);
    expect(niceStep(950, 6)).toBe(200);
    expect(niceStep(25, 10)).toBe(2.5);
    expect(niceStep(9.5, 1)).toBe(10);
    expect(() => niceStep(0, 5)).toThrow(/span 0/);
  });

  it('gives round BTC prices and decimals without float residue', () => {
    expect(niceTicks(61_234.5, 66_001, 6)).toEqual([62_000, 63_000, 64_000, 65_000, 66_000]);
    expect(niceTicks(0.1, 0.7, 6)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(niceTicks(-12e6, 31e6, 5)).toEqual([-1e7, 0, 1e7, 2e7, 3e7]);
  });

  it('every tick lies in range, evenly spaced, and there are about `count` of them', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e7, max: 1e7, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e7, noNaN: true }),
        fc.integer({ min: 2, max: 10 }),
        (min, span, count) => {
          const max = min + span;
          const ticks = niceTicks(min, max, count);
          const step = niceStep(max - min, count);
          expect(ticks.length).toBeGreaterThanOrEqual(Math.floor(count / 2));
          expect(ticks.length).toBeLessThanOrEqual(count + 1);
          for (const [k, t] of ticks.entries()) {
            expect(t).toBeGreaterThanOrEqual(min - 1e-6 * step);
            expect(t).toBeLessThanOrEqual(max + 1e-6 * step);
            if (k > 0) expect(t - (ticks[k - 1] ?? 0)).toBeCloseTo(step, 6);
          }
        },
      ),
    );
  });
});

describe('time axis labels', () => {
  it('names bars as the chart does: HH:MM, the day, the month on the 1st, the year on 1 January (UTC)', () => {
    expect(timeLabel(utc('2024-08-05T12:00:00Z'))).toEqual({ label: '12:00', major: false });
    expect(timeLabel(utc('2024-08-05T00:00:00Z'))).toEqual({ label: '5', major: true });
    expect(timeLabel(utc('2024-08-01T00:00:00Z'))).toEqual({ label: 'Aug', major: true });
    expect(timeLabel(utc('2025-01-01T00:00:00Z'))).toEqual({ label: '2025', major: true });
  });

  it('120 1h bars get a label every 12 h, on UTC boundaries', () => {
    const start = utc('2024-08-04T21:00:00Z');
    const ticks = timeTicks(start, 3600, 0, 120, 10);
    expect(ticks.map((t) => t.label)).toEqual([
      '5',
      '12:00',
      '6',
      '12:00',
      '7',
      '12:00',
      '8',
      '12:00',
      '9',
      '12:00',
    ]);
    expect(ticks[0]?.index).toBe(3);
    expect(ticks.every((t) => t.time === start + t.index * 3600 && t.time % 43_200 === 0)).toBe(true);
  });

  it('15m bars get hours, 1D bars get months, and the window bounds are respected', () => {
    const quarter = timeTicks(utc('2024-08-04T22:15:00Z'), 900, 0, 120, 10);
    expect(quarter.length).toBeLessThanOrEqual(10);
    expect(quarter.every((t) => t.time % 10_800 === 0)).toBe(true);
    expect(quarter.map((t) => t.label).slice(0, 3)).toEqual(['5', '03:00', '06:00']);
    const daily = timeTicks(utc('2024-03-10T00:00:00Z'), 86_400, 0, 120, 10);
    expect(daily.map((t) => t.label)).toEqual(['Apr', 'May', 'Jun', 'Jul']);
    const later = timeTicks(utc('2024-08-04T21:00:00Z'), 3600, 50, 60, 10);
    expect(later.every((t) => t.index >= 50 && t.index < 60)).toBe(true);
  });
});

describe('axisPrice', () => {
  it('groups thousands and keeps at most two decimals, trailing zeros dropped', () => {
    expect(axisPrice(61_659.8)).toBe('61,659.8');
    expect(axisPrice(63_000)).toBe('63,000');
    expect(axisPrice(1_234_567.891)).toBe('1,234,567.89');
    expect(axisPrice(-0.001)).toBe('0');
    expect(axisPrice(-1500.5)).toBe('-1,500.5');
    expect(axisPrice(Number.NaN)).toBe('—');
  });
});
