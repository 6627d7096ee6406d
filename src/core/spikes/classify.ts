/** Builds a SpikeEvent from a run of bars and labels it (statistics.md §1.4). */
import { bpOfOi } from '../context/liq-bp';
import type { EventClass, Side, SpikeEvent } from '../events';
import type { Timeframe } from '../intervals';
import type { BarFrame } from '../series';
import { type UnixSeconds, unixSeconds } from '../time';
import type { Run } from './decluster';
import { extremeTailP, type SpikeParams } from './params';

/** Per-bar score arrays of one series. */
export interface SeriesScores {
  z: Float64Array;
  zRaw: Float64Array;
  pEmp: Float64Array;
  /** Long-window tail p (NaN at or below its threshold, with too little history, and for the total series). */
  pTail: Float64Array;
  /** 1 where the bar is ordinary for its hour of day over the long window and not in its top 1 %. */
  ordinaryHour: Uint8Array;
  /** The bar's USD over its side's recent level (heat-half-life EWMA of the bars before; Infinity after silence). */
  jump: Float64Array;
  /** Hawkes-lite background probability μ/λ (NaN before the fit has min periods). */
  pBg: Float64Array;
  /** Non-zero where the bar is a spike bar: bit 1 the local rule, bit 2 the long-window extreme cut-off. */
  spike: Uint8Array;
}

/** What the label of an event is decided from. */
export interface ClassInputs {
  /** Smallest long-window tail p over the event's spike bars (NaN when none had one). */
  minPTail: number;
  /** The tail p at or below which the event is extreme (`extremeTailP`). */
  extremeP: number;
  /** Every spike bar of the event is ordinary for its hour of day over the long window (none in its top 1 %). */
  ordinaryForHour: boolean;
  /** Cascade heat z(E) at the first bar (E holds the bars before it). */
  heatZ: number;
  /** Hawkes-lite background probability at the first bar. */
  pBg: number;
  /** The first bar's USD over its side's recent level. */
  jump: number;
}

/**
 * The label, in this order: **extreme** when the long-window tail puts the event at one in `extremeReturnDays` or
 * rarer; **seasonal** when every spike bar is ordinary for its hour of day over the long window (never for a bar
 * in that window's top 1 %); **onset** when the first bar is at least `onsetJump` times its side's recent level
 * (recent liquidations cannot explain that jump); **continuation** when the Hawkes-lite p_bg is below
 * `continuationPBg` (§1.4: expected given recent liquidations); then by heat: **onset** below `onsetHeatZ`,
 * **continuation** otherwise.
 * statistics.md leaves 1 ≤ z(E) < 2 open; we call it continuation ("not clearly exogenous").
 */
export function classifyEvent(c: ClassInputs, params: SpikeParams): EventClass {
  if (c.minPTail <= c.extremeP) return 'extreme';
  if (c.ordinaryForHour) return 'seasonal';
  if (params.onsetJump > 0 && c.jump >= params.onsetJump) return 'onset';
  if (c.pBg < params.continuationPBg) return 'continuation';
  if (Number.isNaN(c.heatZ) || c.heatZ < params.onsetHeatZ) return 'onset';
  return 'continuation';
}

/** The event a run describes; `longBarsBefore(i)` counts the bars with data the long baseline held at bar i. */
export function buildEvent(
  frame: BarFrame,
  timeframe: Timeframe,
  side: Side,
  run: Run,
  scores: SeriesScores,
  heatZ: Float64Array,
  params: SpikeParams,
  longBarsBefore: (i: number) => number,
): SpikeEvent {
  const time = (i: number): UnixSeconds => unixSeconds(frame.start + i * frame.step);
  let sumL = 0;
  let sumS = 0;
  let maxZ = -Infinity;
  let maxZRaw = -Infinity;
  let peak = run.first;
  let minPEmp = 1;
  let minPTail = Number.NaN;
  let tailBar = run.first;
  let ordinaryForHour = true;
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
    if (!Number.isNaN(pt) && !(pt >= minPTail)) {
      minPTail = pt;
      tailBar = i;
    }
    if (!scores.ordinaryHour[i]) ordinaryForHour = false;
  }
  const bp = frame.oiOpen ? runBpOfOi(frame, side, run) : undefined;
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
    ...(bp === undefined ? {} : { bpOfOi: bp }),
    scoreBasis: params.scoreBasis,
    maxZ,
    maxZRaw,
    minPEmp,
    minPTail,
    heatZBefore,
    pBg,
    longBars: longBarsBefore(tailBar),
    eventClass: classifyEvent(
      {
        minPTail,
        extremeP: extremeTailP(params, frame.step),
        ordinaryForHour,
        heatZ: heatZBefore,
        pBg,
        jump: scores.jump[run.first] ?? Number.NaN,
      },
      params,
    ),
    closeAtFirst: frame.candles.close[run.first] ?? Number.NaN,
  };
}

/**
 * The run's `side` liquidations in bp of open interest, each bar against the open interest at its own open; gap
 * bars add nothing (as they add nothing to the event's USD), a covered bar without open interest makes it NaN.
 */
function runBpOfOi(frame: BarFrame, side: Side, run: Run): number {
  const oi = frame.oiOpen;
  if (!oi) return Number.NaN;
  let sum = 0;
  for (let i = run.first; i <= run.last; i++) {
    if (frame.liq.covered[i] !== 1) continue;
    sum += bpOfOi(frame.liq[side][i] ?? 0, oi[i] ?? Number.NaN);
  }
  return sum;
}
