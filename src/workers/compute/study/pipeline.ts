/**
 * The one place the study meets spike detection and level building (the compute engineer's modules).
 * Until those land in main, `detectForStudy` reports that detection is unavailable.
 */
import type { Level, LevelTouch, SpikeEvent } from '../../../core/events';
import type { Timeframe } from '../../../core/intervals';
import type { BarFrame } from '../../../core/series';

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

/** Runs spike detection and level building on `frame`, or returns null while they are unavailable. */
export function detectForStudy(_frame: BarFrame, _timeframe: Timeframe): Detection | null {
  return null;
}
