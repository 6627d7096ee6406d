import { describe, expect, it } from 'vitest';
import { emptyCandles, emptyLiq } from '../../../src/core/series';
import { unixSeconds } from '../../../src/core/time';
import { legendItems } from '../../../src/ui/chart/Legend';
import { oiDelta } from '../../../src/ui/panels/htf/HtfPanel';

const T = unixSeconds(1_717_200_000);

/** Three hourly bars: $2M/$1M at $10B of open interest, a liquidation gap, $3M/$0 without open interest. */
function frame() {
  const liq = emptyLiq(T, 3600, 3);
  liq.long.set([2e6, 0, 3e6]);
  liq.short.set([1e6, 0, 0]);
  liq.covered.set([1, 0, 1]);
  return { start: T, step: 3600, liq, candles: emptyCandles(T, 3600, 3) };
}

describe('the legend where bp of open interest is the score', () => {
  const oi = new Float64Array([1e10, 1e10, Number.NaN]);
  const item = (i: number, label: string) =>
    legendItems(frame(), i, null, null, null, oi)?.items.find((x) => x.label === label)?.value;

  it('adds each side in bp of the open interest at the bar open, after its USD', () => {
    const items = legendItems(frame(), 0, null, null, null, oi)?.items.map((x) => x.label) ?? [];
    expect(items.slice(4)).toEqual(['Longs', 'Shorts', 'L of OI', 'S of OI']);
    expect(item(0, 'L of OI')).toBe('2.00 bp');
    expect(item(0, 'S of OI')).toBe('1.00 bp');
  });

  it('says "gap" in a liquidation gap and "no OI" where the bar has no open interest (not scored)', () => {
    expect(item(1, 'L of OI')).toBe('gap');
    expect(item(2, 'L of OI')).toBe('no OI');
    expect(item(2, 'Longs')).toBe('$3.00M');
  });

  it('scored in USD (no open interest given), the legend has no bp items', () => {
    const labels = legendItems(frame(), 0, null)?.items.map((x) => x.label) ?? [];
    expect(labels).not.toContain('L of OI');
  });
});

describe('HTF ΔOI cell', () => {
  it('is signed USD, and "gap" where the change is unknown, never 0', () => {
    expect(oiDelta(1.2e8)).toBe('+$120.00M');
    expect(oiDelta(-4e7)).toBe('-$40.00M');
    expect(oiDelta(Number.NaN)).toBe('gap');
    expect(oiDelta(undefined)).toBe('gap');
  });
});
