/** Builds a SpikeEvent from a run of bars and labels it (statistics.md §1.4). */
import type { EventClass, Side, SpikeEvent } from '../events';
import type { Timeframe } from '../intervals';
import type { BarFrame } from '../series';
import { type UnixSeconds, unixSeconds } from '../time';
import type { Run } from './decluster';
import type { SpikeParams } from './params';

/** Per-bar score arrays of one series. */
export interface SeriesScores {
  z: Float64Array;
  zRaw: Float64Array;
  pEmp: Float64Array;
  pTail: Float64Array;
  /** Hawkes-lite background probability μ/λ (NaN before the fit has min periods). */
  pBg: Float64Array;
  /** 1 where the bar is a spike bar. */
  spike: Uint8Array;
}

/**
 * The label: extreme (p_tail ≤ extremeP) first, then seasonal (only the unadjusted z crossed), then continuation
 * when the Hawkes-lite p_bg is below `continuationPBg` (§1.4: the event was expected given recent liquidations,
 * even if the heat is not high relative to a busy window), then by heat: onset below `onsetHeatZ`, continuation
 * otherwise. statistics.md leaves 1 ≤ z(E) < 2 open; we call it continuation ("not clearly exogenous").
 */
export function classifyEvent(
  maxZ: number,
  minPTail: number,
  heatZ: number,
  params: SpikeParams,
  pBg = Number.NaN,
): EventClass {
  if (minPTail <= params.extremeP) return 'extreme';
  if (maxZ < params.zThreshold) return 'seasonal';
  if (pBg < params.continuationPBg) return 'continuation';
  if (Number.isNaN(heatZ) || heatZ < params.onsetHeatZ) return 'onset';
  return 'continuation';
}

/** The event a run describes. */
export function buildEvent(
  frame: BarFrame,
  timeframe: Timeframe,
  side: Side,
  run: Run,
  scores: SeriesScores,
  heatZ: Float64Array,
  params: SpikeParams,
): SpikeEvent {
  const time = (i: number): UnixSeconds => unixSeconds(frame.start + i * frame.step);
  let sumL = 0;
  let sumS = 0;
  let maxZ = -Infinity;
  let maxZRaw = -Infinity;
  let peak = run.first;
  let minPEmp = 1;
  let minPTail = Number.NaN;
  for (let i = run.first; i <= run.last; i++) {
    sumL += frame.liq.long[i] ?? 0;
    sumS += frame.liq.short[i] ?? 0;
    if (!scores.spike[i]) continue;
    const z = scores.z[i] ?? Number.NaN;
    maxZRaw = Math.max(maxZRaw, scores.zRaw[i] ?? Number.NaN);
    if (z > maxZ) {
      maxZ = z;
      peak = i;
    }
    minPEmp = Math.min(minPEmp, scores.pEmp[i] ?? 1);
    const pt = scores.pTail[i] ?? Number.NaN;
    if (!Number.isNaN(pt) && !(pt >= minPTail)) minPTail = pt;
  }
  const heatZBefore = heatZ[run.first] ?? Number.NaN;
  const pBg = scores.pBg[run.first] ?? Number.NaN;
  const firstTime = time(run.first);
  return {
    id: `${timeframe}:${side}:${firstTime}`,
    timeframe,
    side,
    firstTime,
    peakTime: time(peak),
    lastTime: time(run.last),
    firstIndex: run.first,
    lastIndex: run.last,
    usd: side === 'long' ? sumL : sumS,
    longShare: sumL + sumS > 0 ? sumL / (sumL + sumS) : 0.5,
    maxZ,
    maxZRaw,
    minPEmp,
    minPTail,
    heatZBefore,
    pBg,
    eventClass: classifyEvent(maxZ, minPTail, heatZBefore, params, pBg),
    closeAtFirst: frame.candles.close[run.first] ?? Number.NaN,
  };
}
