import { describe, expect, it } from 'vitest';
import type { SpikeEvent } from '../../../../src/core/events';
import { buildLevels, DEFAULT_LEVEL_PARAMS } from '../../../../src/core/levels/build';
import { emptyCandles, emptyLiq } from '../../../../src/core/series';
import { unixSeconds } from '../../../../src/core/time';

const STEP = 3600;
/** Candles from [low, high, close] triples; open = previous close. */
function frameOf(bars: Array<[number, number, number]>) {
  const n = bars.length;
  const c = emptyCandles(unixSeconds(0), STEP, n);
  bars.forEach(([l, h, cl], i) => {
    c.open[i] = i ? (bars[i - 1]?.[2] ?? cl) : cl;
    c.low[i] = l;
    c.high[i] = h;
    c.close[i] = cl;
    c.volume[i] = 1;
  });
  return { start: unixSeconds(0), step: STEP, candles: c, liq: emptyLiq(unixSeconds(0), STEP, n) };
}

function event(side: 'long' | 'short', first: number, last: number, longShare: number, maxZ = 5): SpikeEvent {
  return {
    id: `1h:${side}:${first * STEP}`,
    timeframe: '1h',
    side,
    firstTime: unixSeconds(first * STEP),
    peakTime: unixSeconds(first * STEP),
    lastTime: unixSeconds(last * STEP),
    firstIndex: first,
    lastIndex: last,
    usd: 1e7,
    longShare,
    maxZ,
    minPEmp: 0.01,
    minPTail: Number.NaN,
    heatZBefore: 0,
    eventClass: 'onset',
    closeAtFirst: 100,
  };
}

// 20 calm bars around 100 (range 1 → ATR 1), a flush to 95 at bar 20, recovery, a retest, then a bounce.
const calm: Array<[number, number, number]> = Array.from({ length: 20 }, () => [99.5, 100.5, 100]);
const bars: Array<[number, number, number]> = [
  ...calm,
  [95, 100, 97], // 20: event bar (low 95): support 95 ± 0.25·ATR
  [96, 98, 97.5], // 21: above the zone → armed
  [95.1, 97, 96], // 22: touches the zone, closes above
  [96, 98.5, 98], // 23: +1 ATR from the touch price → bounce
  [97, 99, 98], // 24
  [96.5, 98, 97], // 25
  [94, 97, 94], // 26: closes below the zone → broken
];

describe('buildLevels', () => {
  const f = frameOf(bars);
  const { levels, touches } = buildLevels(f, [event('long', 20, 20, 0.9)], '1h', DEFAULT_LEVEL_PARAMS);

  it('support at the event low, zone ±0.25·ATR, id from the first event', () => {
    expect(levels).toHaveLength(1);
    const lv = levels[0];
    expect(lv?.id).toBe(`1h:support:${20 * STEP}`);
    expect(lv?.price).toBe(95);
    expect((lv?.zoneHigh ?? 0) - (lv?.zoneLow ?? 0)).toBeGreaterThan(0.4);
  });

  it('touch after leaving the zone, bounce by +1 ATR, then a break on a close below the zone', () => {
    // bar 26 re-enters from above (re-armed at 23) and closes below: a second touch whose outcome is the break
    expect(touches.map((t) => [t.time / STEP, t.touchNumber, t.outcome])).toEqual([
      [22, 1, 'bounce'],
      [26, 2, 'break'],
    ]);
    expect(levels[0]?.bounces).toBe(1);
    expect(levels[0]?.state).toBe('broken');
    expect(levels[0]?.brokenTime).toBe(26 * STEP);
  });

  it('is not touched or broken by its own bar', () => {
    const own = frameOf([...calm, [90, 100, 91]]);
    const r = buildLevels(own, [event('long', 20, 20, 0.9)], '1h', DEFAULT_LEVEL_PARAMS);
    expect(r.levels[0]?.state).toBe('active');
    expect(r.touches).toHaveLength(0);
  });

  it('balanced events give no level; a short-dominated event gives resistance at the high', () => {
    expect(buildLevels(f, [event('long', 20, 20, 0.5)], '1h', DEFAULT_LEVEL_PARAMS).levels).toHaveLength(0);
    const r = buildLevels(f, [event('short', 20, 20, 0.1)], '1h', DEFAULT_LEVEL_PARAMS);
    expect(r.levels[0]?.kind).toBe('resistance');
    expect(r.levels[0]?.price).toBe(100);
  });

  it('merges a nearby same-side event deterministically (weighted centre, weights add)', () => {
    const twin = frameOf([...calm, [95, 100, 97], [95.2, 97, 96.5]]);
    const r = buildLevels(
      twin,
      [event('long', 20, 20, 0.9, 4), event('long', 21, 21, 0.9, 4)],
      '1h',
      DEFAULT_LEVEL_PARAMS,
    );
    expect(r.levels).toHaveLength(1);
    expect(r.levels[0]?.price).toBeCloseTo(95.1, 10);
    expect(r.levels[0]?.sourceEventIds).toHaveLength(2);
    expect(r.levels[0]?.strength).toBeCloseTo(8, 1);
  });

  it('records when a level expires (the chart draws its zone up to that bar)', () => {
    // A weak event (z 0.6) above the 0.5 floor decays below it after log2(0.6/0.5)·72 h ≈ 19 h of calm bars.
    const quiet = frameOf([
      ...calm,
      [95, 100, 97],
      ...Array.from({ length: 30 }, (): [number, number, number] => [97, 98, 97.5]),
    ]);
    const r = buildLevels(quiet, [event('long', 20, 20, 0.9, 0.6)], '1h', DEFAULT_LEVEL_PARAMS);
    expect(r.levels[0]?.state).toBe('expired');
    expect(r.levels[0]?.brokenTime).toBeNull();
    const hours = ((r.levels[0]?.expiredTime ?? 0) - 20 * STEP) / STEP;
    expect(hours).toBe(Math.ceil(Math.log2(0.6 / 0.5) * 72));
  });
});
