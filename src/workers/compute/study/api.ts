/** Study and HTF calls of the compute worker, as the page sees them (merged into ComputeApi). */

import type { Timeframe } from '../../../core/intervals';
import type { LevelParams } from '../../../core/levels/params';
import type { ContractFilter } from '../../../core/market';
import type { SpikeParams } from '../../../core/spikes/params';
import type { StudyParams, StudyResult } from '../../../core/study/types';

/** Where the study reads its data and how it runs. */
export interface StudyRequest {
  source: 'archive' | 'demo';
  /** Base asset whose contracts are studied. */
  asset: string;
  timeframe: Timeframe;
  filter: ContractFilter;
  referenceSymbol: string;
  /** Overrides of the per-timeframe defaults (placebo draws, seed, …). */
  params?: Partial<StudyParams>;
  /** Spike and level parameters (the user's settings, so the study sees the chart's events). */
  detection?: DetectionParams;
}

/** Spike and level parameters for detection inside the study and the HTF panel. */
export interface DetectionParams {
  spikes: SpikeParams;
  levels: LevelParams;
}

/** Progress callback passed as a comlink proxy: fraction in [0, 1] and a stage label. */
export type StudyProgressCallback = (fraction: number, stage: string) => void;

/** The HTF panel's request: the same data at several higher timeframes. */
export interface HtfRequest {
  source: 'archive' | 'demo';
  /** Base asset whose contracts are summed. */
  asset: string;
  timeframes: Timeframe[];
  filter: ContractFilter;
  referenceSymbol: string;
  /** Bins per mini histogram. */
  lastN: number;
  detection?: DetectionParams;
}

/** One timeframe's row in the HTF panel; index 0 of the arrays is the oldest of the last N bins. */
export interface HtfRow {
  timeframe: Timeframe;
  /** Bin start times of the last N bins; the last one is the current (possibly still open) bin. */
  times: number[];
  /** Long and short liquidations (USD) per bin; NaN where the bin is a gap (not every source bucket stored). */
  long: number[];
  short: number[];
  zLong: number[];
  zShort: number[];
  /** Event label per bin ('' when none): the event class, or 'spike' for a flagged bar. */
  labels: string[];
  /**
   * Change of the open interest (USD, summed over the filter) over each bin, close to close; NaN where it is
   * missing or the number of contracts summed changes (a gap, never a zero).
   */
  oiChange: number[];
  notice: string | null;
}

/** Study calls; the trailing `callId` lets the facade cancel by terminating the worker. */
export interface StudyApi {
  /** Loads the frame, detects spikes and levels, and runs the reaction study. */
  runStudy(request: StudyRequest, onProgress?: StudyProgressCallback, callId?: number): Promise<StudyResult>;
  /** Bins the data at each requested timeframe and scores the last N bins. */
  loadHtf(request: HtfRequest, callId?: number): Promise<HtfRow[]>;
}
