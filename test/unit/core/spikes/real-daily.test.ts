import { describe, expect, it } from 'vitest';
import { detectSpikes } from '../../../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS, type SpikeParams } from '../../../../src/core/spikes/params';
import { hasRealData, loadRealDaily } from '../../../helpers/real-daily';

const CASCADES = ['2022-06-13', '2022-11-09', '2023-08-17', '2024-08-05'];
/**
 * Daily bars: W = 99 days makes p_emp's grid k/100, so p ≤ 0.02 is attainable exactly (top 2 of 100); the 7-day
 * default would never reach it. z ≥ 2 so that the p threshold, whose promise we check, is the binding rule.
 */
const DAILY: SpikeParams = {
  ...DEFAULT_SPIKE_PARAMS,
  windowBars: 99,
  pThreshold: 0.02,
  zThreshold: 2,
  floorQuantile: 0,
};

describe.skipIf(!hasRealData())(
  'real Coinalyze daily multi-exchange liquidations (2022-01 → 2024-09)',
  () => {
    const frame = loadRealDaily();
    const d = detectSpikes(frame, '1D', DAILY);
    const iso = (i: number) => new Date((frame.start + i * 86400) * 1000).toISOString().slice(0, 10);
    const rows = (['long', 'short', 'total'] as const).map((series) => {
      const s = d[series];
      let scored = 0;
      let alarms = 0;
      const hits: string[] = [];
      for (let i = 0; i < s.z.length; i++) {
        if (Number.isNaN(s.z[i] ?? Number.NaN)) continue;
        if (CASCADES.includes(iso(i))) {
          if (s.spike[i]) hits.push(iso(i));
        } else {
          scored++;
          if (s.spike[i]) alarms++;
        }
      }
      return { series, scored, alarms, rate: alarms / scored, promise: d.expectedFalseAlarmsPerDay, hits };
    });
    console.table(
      rows.map((r) => ({
        ...r,
        rate: r.rate.toFixed(4),
        ratio: (r.rate / r.promise).toFixed(2),
        hits: r.hits.join(' '),
      })),
    );

    it('flags every known cascade day on the total and on longs', () => {
      for (const r of rows.filter((x) => x.series !== 'short')) expect(r.hits).toEqual(CASCADES);
    });

    it('false alarms on other days are within a factor of two of p × bars/day', () => {
      for (const r of rows) {
        expect(r.rate / r.promise, r.series).toBeGreaterThanOrEqual(0.5);
        expect(r.rate / r.promise, r.series).toBeLessThanOrEqual(2);
      }
    });
  },
);
