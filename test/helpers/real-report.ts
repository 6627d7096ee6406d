/**
 * What the default spike settings make of one real dataset: every event with its label and rarity, the ten
 * largest, the false-alarm rates against what the thresholds promise. Shared by scripts/real-outliers.mjs (which
 * prints the tables in docs/method.md) and the real-data tests (which assert on the same numbers).
 */
import type { EventClass, Side, SpikeEvent } from '../../src/core/events';
import { TIMEFRAME_SECONDS } from '../../src/core/intervals';
import { detectSpikes, type SpikeDetection } from '../../src/core/spikes/detect';
import {
  DEFAULT_SPIKE_PARAMS,
  extremeTailP,
  resolveLongWindow,
  type SpikeParams,
} from '../../src/core/spikes/params';
import { eventRarity } from '../../src/core/spikes/rarity';
import { SPIKE_LOCAL } from '../../src/core/spikes/series-scorer';
import type { RealDataset } from './real-data';

/** False alarms of one side outside the stress days. */
export interface AlarmRate {
  side: Side;
  /** Bars scored by the local baseline, outside stress days, and the days they span. */
  scored: number;
  days: number;
  /** Bars among them that the local rule flags. */
  localBars: number;
  /** Local spike bars per bar, and what the attainable p threshold promises per bar. */
  localRate: number;
  localPromise: number;
  /** Extreme events starting outside stress days, per day, and what the cut-off promises per day. */
  extremeEvents: number;
  extremePerDay: number;
  extremePromise: number;
}

/** The report of one dataset. */
export interface RealReport {
  dataset: RealDataset;
  detection: SpikeDetection;
  events: SpikeEvent[];
  /** The ten events holding the largest single bars of their side, largest first. */
  largest: SpikeEvent[];
  classes: Record<EventClass, number>;
  alarms: AlarmRate[];
  /** Spike bars of seasonal events that are in the top 1 % of the long window before them: must be none. */
  seasonalTopBars: number;
  /** Spike bars of seasonal events checked for that. */
  seasonalBars: number;
}

/** ISO day of a bar start. */
export function isoDay(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10);
}

/** Runs the detector with `params` and measures what the report needs. */
export function realReport(ds: RealDataset, params: SpikeParams = DEFAULT_SPIKE_PARAMS): RealReport {
  const d = detectSpikes(ds.frame, ds.timeframe, params);
  const step = TIMEFRAME_SECONDS[ds.timeframe];
  const largest = [...d.events].sort((a, b) => largestBar(ds, b) - largestBar(ds, a)).slice(0, 10);
  const classes: Record<EventClass, number> = { onset: 0, continuation: 0, seasonal: 0, extreme: 0 };
  for (const e of d.events) classes[e.eventClass]++;
  const stress = new Set(ds.stressDays);
  const pLocal = d.window > 0 ? Math.floor(params.pThreshold * (d.window + 1) + 1e-9) / (d.window + 1) : 0;
  const alarms = (['long', 'short'] as const).map((side): AlarmRate => {
    const s = d[side];
    let scored = 0;
    let localBars = 0;
    for (let i = 0; i < s.z.length; i++) {
      if (Number.isNaN(s.z[i] ?? Number.NaN) || stress.has(isoDay(ds.frame.start + i * step))) continue;
      scored++;
      if ((s.spike[i] ?? 0) & SPIKE_LOCAL) localBars++;
    }
    const extremeEvents = d.events.filter(
      (e) => e.side === side && e.eventClass === 'extreme' && !stress.has(isoDay(e.firstTime)),
    ).length;
    const days = (scored * step) / 86400;
    return {
      side,
      scored,
      days,
      localBars,
      localRate: localBars / scored,
      localPromise: pLocal,
      extremeEvents,
      extremePerDay: extremeEvents / days,
      extremePromise: extremeTailP(params, step) * (86400 / step),
    };
  });
  const { top, checked } = seasonalInTopOnePercent(ds, d, resolveLongWindow(params, step));
  return {
    dataset: ds,
    detection: d,
    events: d.events,
    largest,
    classes,
    alarms,
    seasonalTopBars: top,
    seasonalBars: checked,
  };
}

/** USD of the largest single bar of the event's side. */
export function largestBar(ds: RealDataset, e: SpikeEvent): number {
  let m = 0;
  for (let i = e.firstIndex; i <= (e.lastIndex ?? e.firstIndex); i++)
    m = Math.max(m, ds.frame.liq[e.side][i] ?? 0);
  return m;
}

/**
 * Recomputes from the raw series, independently of the detector's own bookkeeping, whether any spike bar of a
 * seasonal event lies in the top 1 % of the long window before it (type-7 99th percentile of the bars there).
 */
export function seasonalInTopOnePercent(
  ds: { frame: RealDataset['frame'] },
  d: SpikeDetection,
  longWindow: number,
): { top: number; checked: number } {
  let top = 0;
  let checked = 0;
  for (const e of d.events) {
    if (e.eventClass !== 'seasonal') continue;
    const xs = ds.frame.liq[e.side];
    for (let i = e.firstIndex; i <= (e.lastIndex ?? e.firstIndex); i++) {
      if (!d[e.side].spike[i]) continue;
      checked++;
      const past: number[] = [];
      for (let k = Math.max(0, i - longWindow); k < i; k++)
        if (ds.frame.liq.covered[k]) past.push(xs[k] ?? 0);
      past.sort((a, b) => a - b);
      const pos = (past.length - 1) * 0.99;
      const lo = Math.floor(pos);
      const a = past[lo] ?? Number.NaN;
      const q99 = a + ((past[Math.min(past.length - 1, lo + 1)] ?? a) - a) * (pos - lo);
      if ((xs[i] ?? 0) >= q99) top++;
    }
  }
  return { top, checked };
}

/** One event as a table row: time, side, USD, label, z, tail p, return period. */
export function eventRow(e: SpikeEvent): string[] {
  const t = new Date(e.firstTime * 1000)
    .toISOString()
    .replace('T', ' ')
    .slice(0, e.timeframe === '1D' ? 10 : 16);
  const p = e.minPTail;
  return [
    t,
    e.side,
    `$${(e.usd / 1e6).toFixed(1)}M`,
    e.eventClass,
    Number.isFinite(e.maxZ) ? e.maxZ.toFixed(1) : '–',
    Number.isNaN(p) ? '–' : p < 1e-3 ? p.toExponential(1) : p.toFixed(4),
    eventRarity(e),
  ];
}

/** The extreme cut-off as a per-bar p for this dataset. */
export function extremeCut(ds: RealDataset, params: SpikeParams = DEFAULT_SPIKE_PARAMS): number {
  return extremeTailP(params, TIMEFRAME_SECONDS[ds.timeframe]);
}
