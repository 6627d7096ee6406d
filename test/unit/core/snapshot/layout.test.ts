import { describe, expect, it } from 'vitest';
import type { BarFrame } from '../../../../src/core/series';
import {
  barX,
  bodyWidth,
  frameIndex,
  SNAPSHOT_SIZE,
  scaleValue,
  snapshotLayout,
} from '../../../../src/core/snapshot/layout';
import { unixSeconds } from '../../../../src/core/time';
import { randomFrame } from '../../../helpers/random-frame';
import { spike } from '../alerts/fixtures';

const at = (f: BarFrame, i: number) => f.start + i * f.step;

describe('snapshot layout', () => {
  const frame = randomFrame(400, 7);
  const event = spike(at(frame, 300), { lastTime: unixSeconds(at(frame, 301)) });

  it('draws 120 bars ending three bars after the event, right-aligned with the chart offset', () => {
    const l = snapshotLayout(frame, event);
    expect([l.from, l.to, l.eventFirst, l.eventLast]).toEqual([185, 305, 300, 301]);
    expect(l.width).toBe(SNAPSHOT_SIZE.width);
    expect(l.height).toBe(SNAPSHOT_SIZE.height);
    expect(barX(l, l.from) - l.slot / 2).toBeCloseTo(0, 9);
    expect(barX(l, l.to - 1) + l.slot / 2).toBeCloseTo(l.axisX - 4 * l.slot, 9);
    expect(barX(l, 301) - barX(l, 300)).toBeCloseTo(l.slot, 9);
  });

  it('a fresh event at the newest bar ends the window there; a short frame keeps its bars on the right', () => {
    const fresh = snapshotLayout(frame, spike(at(frame, 398), { lastTime: unixSeconds(at(frame, 399)) }));
    expect([fresh.from, fresh.to]).toEqual([280, 400]);
    const short = randomFrame(50, 3);
    const l = snapshotLayout(short, spike(at(short, 45)));
    expect([l.from, l.to, l.firstSlot]).toEqual([0, 49, -71]);
    expect(barX(l, l.to - 1) + l.slot / 2).toBeCloseTo(l.axisX - 4 * l.slot, 9);
    expect(barX(l, 0)).toBeGreaterThan(l.axisX / 2);
  });

  it('panes stack caption, candles, histogram and time axis without overlap; the liquidation pane is 28 %', () => {
    const l = snapshotLayout(frame, event);
    expect(l.pricePane.y).toBe(l.caption.h);
    expect(l.pricePane.y + l.pricePane.h).toBeLessThan(l.liqPane.y);
    expect(l.liqPane.y + l.liqPane.h).toBe(l.timeAxis.y);
    expect(l.timeAxis.y + l.timeAxis.h).toBe(l.height);
    expect(l.liqPane.h / (l.timeAxis.y - l.caption.h)).toBeCloseTo(0.28, 2);
    expect(l.pricePane.w).toBe(l.axisX);
  });

  it('the highest high and lowest low sit 14 % inside the candle pane; ticks are round and inside', () => {
    const l = snapshotLayout(frame, event);
    const s = l.priceScale;
    if (!s) throw new Error('expected a price scale');
    let hi = -Infinity;
    let lo = Infinity;
    for (let i = l.from; i < l.to; i++) {
      hi = Math.max(hi, frame.candles.high[i] ?? -Infinity);
      lo = Math.min(lo, frame.candles.low[i] ?? Infinity);
    }
    const p = l.pricePane;
    expect(scaleValue(s, hi)).toBeCloseTo(p.y + 0.14 * p.h, 6);
    expect(scaleValue(s, lo)).toBeCloseTo(p.y + 0.86 * p.h, 6);
    expect(l.priceTicks.length).toBeGreaterThanOrEqual(3);
    for (const t of l.priceTicks) {
      const y = scaleValue(s, t);
      expect(y).toBeGreaterThan(p.y);
      expect(y).toBeLessThan(p.y + p.h);
    }
  });

  it('shorts map up and longs down from a zero line placed by their largest values; gaps are ignored', () => {
    const f = randomFrame(400, 11);
    // A huge value inside a gap must not squash the bars that are known.
    f.liq.covered[250] = 0;
    f.liq.long[250] = 1e12;
    const l = snapshotLayout(f, event);
    let maxShort = 0;
    let maxLong = 0;
    for (let i = l.from; i < l.to; i++) {
      if (!f.liq.covered[i]) continue;
      maxShort = Math.max(maxShort, f.liq.short[i] ?? 0);
      maxLong = Math.max(maxLong, f.liq.long[i] ?? 0);
    }
    const zero = scaleValue(l.liqScale, 0);
    const up = zero - scaleValue(l.liqScale, maxShort);
    const down = scaleValue(l.liqScale, -maxLong) - zero;
    expect(up).toBeGreaterThan(0);
    expect(down).toBeGreaterThan(0);
    expect(up / down).toBeCloseTo(maxShort / maxLong, 6);
    expect(up + down).toBeCloseTo(l.liqPane.h / 1.16, 6);
    expect(l.liqTicks).toContain(0);
  });

  it('with no candle in the window there is no price scale; with no liquidation the pane is ±1', () => {
    const f = randomFrame(200, 5);
    f.candles.close.fill(Number.NaN);
    f.candles.high.fill(Number.NaN);
    f.candles.low.fill(Number.NaN);
    f.liq.covered.fill(0);
    const l = snapshotLayout(f, spike(at(f, 150)));
    expect(l.priceScale).toBeNull();
    expect(l.priceTicks).toEqual([]);
    expect([l.liqScale.d0, l.liqScale.d1]).toEqual([-1, 1]);
  });

  it('an event that is not a bar of the frame is an error that names the bar, not a misplaced marker', () => {
    expect(() => snapshotLayout(frame, spike(at(frame, 10) + 60))).toThrow(/not on the frame's grid/);
    expect(() => frameIndex(frame, at(frame, 400))).toThrow(/400 bars/);
    expect(frameIndex(frame, at(frame, 399))).toBe(399);
  });

  it('time labels are bars inside the window, at most one per 90 px', () => {
    const l = snapshotLayout(frame, event);
    expect(l.timeTicks.length).toBeGreaterThan(3);
    expect(l.timeTicks.length).toBeLessThanOrEqual(Math.floor(l.axisX / 90));
    for (const t of l.timeTicks) {
      expect(t.index).toBeGreaterThanOrEqual(l.from);
      expect(t.index).toBeLessThan(l.to);
    }
  });

  it('bodies are 80 % of the slot and odd, so the 1 px wick is centred', () => {
    expect(bodyWidth(7.42)).toBe(5);
    expect(bodyWidth(10)).toBe(7);
    expect(bodyWidth(2)).toBe(1);
    expect(bodyWidth(0.5)).toBe(1);
  });
});
