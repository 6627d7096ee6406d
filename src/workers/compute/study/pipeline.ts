/** The one place the study and the HTF panel meet spike detection and level building. */
import type { Level, LevelTouch, SpikeEvent } from '../../../core/events';
import type { Timeframe } from '../../../core/intervals';
import { buildLevels, DEFAULT_LEVEL_PARAMS, type LevelParams } from '../../../core/levels/build';
import type { BarFrame } from '../../../core/series';
import { detectSpikes } from '../../../core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS, type SpikeParams } from '../../../core/spikes/params';

/** Detection output the study and the HTF panel need. */
export interface Detection {
  events: SpikeEvent[];
  levels: Level[];
  touches: LevelTouch[];
  zLong: Float64Array;
  zShort: Float64Array;
  spikeLong: Uint8Array;
  spikeShort: Uint8Array;
  /** Builds levels from placebo events with the real construction. */
  buildLevels: (events: SpikeEvent[]) => { levels: Level[]; touches: LevelTouch[] };
}

/** Runs spike detection and level building on `frame` with the user's parameters (the chart's, by default). */
export function detectForStudy(
  frame: BarFrame,
  timeframe: Timeframe,
  spikes: SpikeParams = DEFAULT_SPIKE_PARAMS,
  levels: LevelParams = DEFAULT_LEVEL_PARAMS,
): Detection {
  const d = detectSpikes(frame, timeframe, spikes);
  const build = (events: readonly SpikeEvent[]) => buildLevels(frame, events, timeframe, levels);
  const real = build(d.events);
  return {
    events: d.events,
    levels: real.levels,
    touches: real.touches,
    zLong: d.long.z,
    zShort: d.short.z,
    spikeLong: d.long.spike,
    spikeShort: d.short.spike,
    buildLevels: build,
  };
}
