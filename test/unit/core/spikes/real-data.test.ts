/**
 * The default spike settings on every real dataset in ../shared/data/real (see test/helpers/real-data.ts). The
 * data is always there in CI: a missing file makes these tests fail, never skip. The same numbers are printed by
 * `node scripts/real-outliers.mjs` and tabulated in docs/method.md.
 */
import { describe, expect, it } from 'vitest';
import { TIMEFRAME_SECONDS } from '../../../../src/core/intervals';
import { DEFAULT_SPIKE_PARAMS, resolveLongWindow } from '../../../../src/core/spikes/params';
import { type RealDataset, realDatasets } from '../../../helpers/real-data';
import {
  isoDay,
  largestBar,
  type RealReport,
  realReport,
  seasonalInTopOnePercent,
} from '../../../helpers/real-report';

let reports: RealReport[] | null = null;

/** Loaded inside each test, so a missing file fails every test that needs it (a beforeAll error would skip them). */
function report(id: RealDataset['id']): RealReport {
  reports ??= realDatasets().map((ds) => realReport(ds));
  const r = reports.find((x) => x.dataset.id === id);
  if (!r) throw new Error(`no report for ${id}`);
  return r;
}

describe.each(['binance-1h', 'multi-1d', 'binance-1d'] as const)('real data %s, default settings', (id) => {
  it('the three events holding the largest bars are extreme', () => {
    const r = report(id);
    expect(r.largest.length).toBeGreaterThanOrEqual(3);
    for (const e of r.largest.slice(0, 3))
      expect(`${isoDay(e.firstTime)} ${e.side} ${e.eventClass}`).toMatch(/ extreme$/);
    // and they are the largest bars the detector could score: no larger scored bar sits outside every event
    const e3 = r.largest[2];
    if (!e3) throw new Error('fewer than three events');
    const third = largestBar(r.dataset, e3);
    for (const side of ['long', 'short'] as const) {
      const xs = r.dataset.frame.liq[side];
      xs.forEach((x, i) => {
        if (x <= third || Number.isNaN(r.detection[side].z[i] ?? Number.NaN)) return;
        expect(
          r.events.some((e) => e.side === side && e.firstIndex <= i && i <= (e.lastIndex ?? e.firstIndex)),
        ).toBe(true);
      });
    }
  });

  it('no bar in the top 1 % of its long window is labelled seasonal', () => {
    const r = report(id);
    const step = TIMEFRAME_SECONDS[r.dataset.timeframe];
    expect(
      seasonalInTopOnePercent(r.dataset, r.detection, resolveLongWindow(DEFAULT_SPIKE_PARAMS, step)).top,
    ).toBe(0);
  });

  it('false alarms stay within twice what the thresholds promise (outside the README’s stress days)', () => {
    const r = report(id);
    for (const a of r.alarms) expect(a.localRate / a.localPromise, `${a.side} local`).toBeLessThanOrEqual(2);
    // extreme events are rare: pooled over both sides so that a handful of events is not all noise
    const events = r.alarms.reduce((s, a) => s + a.extremeEvents, 0);
    const sideDays = r.alarms.reduce((s, a) => s + a.days, 0);
    const promise = r.alarms[0]?.extremePromise ?? Number.NaN;
    expect(events / sideDays / promise).toBeLessThanOrEqual(2);
  });
});

describe('real data: the cascades the README lists', () => {
  it('the hourly set flags the Mt. Gox hour and both 2024-08-05 flushes, the Mt. Gox hour as extreme', () => {
    const r = report('binance-1h');
    const at = (side: string, t: string) =>
      r.events.find((e) => e.side === side && e.firstTime === Date.parse(`${t}:00Z`) / 1000);
    expect(at('long', '2024-07-04T23:00')?.eventClass).toBe('extreme');
    expect(at('short', '2024-08-05T00:00')).toBeDefined();
    expect(at('short', '2024-08-05T14:00')).toBeDefined();
  });

  it('the multi-exchange daily set has an event within a day of every listed cascade it can score', () => {
    const r = report('multi-1d');
    const step = r.dataset.frame.step;
    for (const day of r.dataset.stressDays) {
      const i = (Date.parse(`${day}T00:00:00Z`) / 1000 - r.dataset.frame.start) / step;
      if (Number.isNaN(r.detection.long.z[i] ?? Number.NaN)) continue; // 2022-01-21: before the first score
      const near = r.events.some((e) => e.firstIndex <= i + 1 && (e.lastIndex ?? e.firstIndex) >= i - 1);
      expect(near, day).toBe(true);
    }
  });
});
