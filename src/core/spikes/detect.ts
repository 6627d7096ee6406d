/** Spike detection over a whole frame (statistics.md §1.3–1.4): the entry point other modules import. */
import type { BarScore, Side, SpikeEvent } from '../events';
import type { Timeframe } from '../intervals';
import type { BarFrame } from '../series';
import type { SeriesScores } from './classify';
import { SpikeEngine } from './engine';
import { attainablePThreshold, expectedFalseAlarmsPerDay, resolveWindow, type SpikeParams } from './params';

export type { SeriesScores } from './classify';

/** Everything spike detection produces for one frame; arrays are indexed like the frame's bars. */
export interface SpikeDetection {
  timeframe: Timeframe;
  /** Baseline window W in bars. */
  window: number;
  /** Runs-rule gap r in bars. */
  runGap: number;
  long: SeriesScores;
  short: SeriesScores;
  total: SeriesScores;
  /** Cascade heat z(E) per bar; E uses bars before t only. */
  heatZ: Float64Array;
  events: SpikeEvent[];
  /** Hawkes-lite branching ratio n̂ per series on the latest window (a heuristic; NaN before min periods). */
  branching: Record<Side | 'total', number>;
  /** Per series, from the p threshold the window can actually reach: p × bars/day. */
  expectedFalseAlarmsPerDay: number;
}

/** Detection result from an engine that has seen the frame. */
export function detectionOf(engine: SpikeEngine): SpikeDetection {
  return {
    timeframe: engine.timeframe,
    window: engine.window,
    runGap: engine.runGap,
    long: engine.series('long'),
    short: engine.series('short'),
    total: engine.series('total'),
    heatZ: engine.heatScores(),
    events: engine.events(),
    branching: {
      long: engine.branching('long'),
      short: engine.branching('short'),
      total: engine.branching('total'),
    },
    expectedFalseAlarmsPerDay: expectedFalseAlarmsPerDay(
      attainablePThreshold(engine.params.pThreshold, engine.window),
      engine.timeframe,
    ),
  };
}

/** Scores every bar of `frame` and de-clusters the spikes into labelled events. */
export function detectSpikes(frame: BarFrame, timeframe: Timeframe, params: SpikeParams): SpikeDetection {
  const window = resolveWindow(params, frame.step, frame.liq.long.length);
  const engine = new SpikeEngine(timeframe, params, window, frame.step);
  engine.update(frame);
  return detectionOf(engine);
}

/** One bar's scores as the shared BarScore shape. */
export function barScore(d: SpikeDetection, series: Side | 'total', i: number): BarScore {
  const s = d[series];
  return {
    z: s.z[i] ?? Number.NaN,
    zRaw: s.zRaw[i] ?? Number.NaN,
    pEmp: s.pEmp[i] ?? Number.NaN,
    pTail: s.pTail[i] ?? Number.NaN,
    spike: s.spike[i] !== 0,
  };
}
