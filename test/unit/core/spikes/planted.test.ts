/**
 * Planted outliers on a synthetic year (test/helpers/planted-year.ts): daily seasonality, clusters of cascades
 * whose second wave follows the first within hours, heavy-tailed isolated shocks, and planted one-in-N-days bars
 * far rarer than the extreme cut-off. The defaults must call the planted bars extreme, keep extreme events near
 * the rate the cut-off promises, and call the clusters' second waves continuation.
 */
import { describe, expect, it } from 'vitest';
import type { SpikeEvent } from '../../../../src/core/events';
import { detectSpikes } from '../../../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS, extremeTailP, resolveLongWindow } from '../../../../src/core/spikes/params';
import { plantedYear } from '../../../helpers/planted-year';
import { seasonalInTopOnePercent } from '../../../helpers/real-report';

const P = DEFAULT_SPIKE_PARAMS;
const SEEDS = [1, 2, 3];

function eventAt(events: SpikeEvent[], side: 'long' | 'short', i: number): SpikeEvent | undefined {
  return events.find((e) => e.side === side && e.firstIndex <= i && i <= (e.lastIndex ?? e.firstIndex));
}

describe.each(SEEDS)('a synthetic year with planted outliers (seed %i)', (seed) => {
  const year = plantedYear(seed, 60);
  const d = detectSpikes(year.frame, '1h', P);
  const counted = d.events.filter((e) => e.firstIndex >= year.warmupBars);

  it('every planted one-in-60-days bar is extreme (the cut-off is one in 20 days)', () => {
    const planted = (['long', 'short'] as const).flatMap((side) =>
      year.truth[side].planted.map((i) => eventAt(d.events, side, i)?.eventClass ?? 'none'),
    );
    expect(planted.length).toBeGreaterThanOrEqual(10);
    expect(planted.every((c) => c === 'extreme')).toBe(true);
  });

  it('extreme events come at the rate the cut-off promises, within a factor of two', () => {
    const days = (year.frame.liq.long.length - year.warmupBars) / 24;
    const perSidePerDay = counted.filter((e) => e.eventClass === 'extreme').length / 2 / days;
    const promise = extremeTailP(P, 3600) * 24;
    expect(perSidePerDay / promise).toBeGreaterThanOrEqual(0.5);
    expect(perSidePerDay / promise).toBeLessThanOrEqual(2);
  });

  it('the clusters’ second waves are continuation, not extreme and not onset', () => {
    const labels = (['long', 'short'] as const).flatMap((side) =>
      year.truth[side].secondWaves
        .filter((w) => w.start >= year.warmupBars)
        .map((w) => eventAt(d.events, side, w.peak)?.eventClass)
        .filter((c) => c !== undefined),
    );
    expect(labels.length).toBeGreaterThanOrEqual(25);
    const share = (c: string) => labels.filter((x) => x === c).length / labels.length;
    expect(share('continuation')).toBeGreaterThanOrEqual(0.95);
    expect(share('onset')).toBe(0);
    expect(share('extreme')).toBeLessThanOrEqual(0.05);
  });

  it('no spike bar in the top 1 % of its long window counts as ordinary for its hour, so none is seasonal', () => {
    const { top } = seasonalInTopOnePercent(year, d, resolveLongWindow(P, 3600));
    expect(top).toBe(0);
    let inTop = 0;
    for (const side of ['long', 'short'] as const) {
      const xs = year.frame.liq[side];
      for (let i = year.warmupBars; i < xs.length; i++) {
        if (!d[side].spike[i]) continue;
        const past = Array.from(xs.subarray(Math.max(0, i - 2160), i)).sort((a, b) => a - b);
        const pos = (past.length - 1) * 0.99;
        const lo = Math.floor(pos);
        const q99 = (past[lo] ?? 0) + ((past[lo + 1] ?? 0) - (past[lo] ?? 0)) * (pos - lo);
        if ((xs[i] ?? 0) < q99) continue;
        inTop++;
        expect(d[side].ordinaryHour[i]).toBe(0);
      }
    }
    expect(inTop).toBeGreaterThan(20);
  });
});
