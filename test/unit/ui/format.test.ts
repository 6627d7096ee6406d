import { TickMarkType } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { formatTick, TickKind } from '../../../src/ui/format/ticks';
import { formatAxisPrice, formatGrouped, formatPrice, formatUsd } from '../../../src/ui/format/usd';

describe('number formats a trader reads', () => {
  it('prices get thousands separators and at most two decimals', () => {
    expect(formatAxisPrice(63000)).toBe('63,000');
    expect(formatAxisPrice(58936.1)).toBe('58,936.1');
    expect(formatAxisPrice(-0.4849)).toBe('-0.48');
    expect(formatAxisPrice(-0.001)).toBe('0');
    expect(formatPrice(63000)).toBe('63,000.0');
    expect(formatPrice(1234567.891)).toBe('1,234,567.89');
    expect(formatPrice(Number.NaN)).toBe('—');
  });

  it('matches Intl (en-US) on prices, oscillator values and amounts', () => {
    // Oracle: the browser's own number formatting, over values of every magnitude the chart shows.
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let k = 0; k < 5000; k++) {
      const v = (rand() - 0.3) * 10 ** Math.floor(rand() * 9 - 2);
      for (const [min, max] of [
        [0, 2],
        [1, 2],
        [0, 0],
        [2, 4],
      ] as const) {
        const intl = v.toLocaleString('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
        expect(formatGrouped(v, min, max), `${v} (${min}-${max})`).toBe(intl.replace(/^-(?=[0.]+$)/, ''));
      }
    }
  }, 30_000); // a few seconds alone; a loaded 2-core runner has taken 17

  it('USD amounts are compact', () => {
    expect(formatUsd(950)).toBe('$950');
    expect(formatUsd(12_340)).toBe('$12.3K');
    expect(formatUsd(-4_560_000)).toBe('-$4.56M');
    expect(formatUsd(1.2e9)).toBe('$1.20B');
  });
});

describe('time axis labels (UTC)', () => {
  const t = Date.UTC(2024, 5, 12, 14, 5, 9) / 1000;

  it('uses the same tick kinds as lightweight-charts', () => {
    expect(TickKind).toEqual({
      Year: TickMarkType.Year,
      Month: TickMarkType.Month,
      DayOfMonth: TickMarkType.DayOfMonth,
      Time: TickMarkType.Time,
      TimeWithSeconds: TickMarkType.TimeWithSeconds,
    });
  });

  it('writes year, month, day and time the way the default formatter does', () => {
    expect(formatTick(t, TickKind.Year)).toBe('2024');
    expect(formatTick(t, TickKind.Month)).toBe('Jun');
    expect(formatTick(t, TickKind.DayOfMonth)).toBe('12');
    expect(formatTick(t, TickKind.Time)).toBe('14:05');
    expect(formatTick(t, TickKind.TimeWithSeconds)).toBe('14:05:09');
    expect(formatTick(Date.UTC(2025, 0, 1, 0, 0) / 1000, TickKind.Time)).toBe('00:00');
  });
});
