/** The compute worker's API as the page sees it. */
import type { Analysis, AnalysisParams } from '../../core/analysis/analyzer';
import type { Timeframe } from '../../core/intervals';
import type { ContractFilter } from '../../core/market';
import type { BarFrame } from '../../core/series';
import type { UnixSeconds } from '../../core/time';
import type { Cancellable } from '../facade';
import type { StudyApi } from './study/api';

/** Which database a request reads. */
export type DataSource = 'archive' | 'demo';

/** What the chart asks for. */
export interface FrameRequest {
  source: DataSource;
  timeframe: Timeframe;
  filter: ContractFilter;
  /** Market whose candles are drawn. */
  referenceSymbol: string;
}

/** A frame plus what the chart should say about it. */
export interface FrameResult {
  frame: BarFrame;
  /** Set when the timeframe cannot be shown exactly from stored data (e.g. 1m from hourly data). */
  notice: string | null;
  /** Start of the first covered bar: the chart marks where this timeframe's history begins. */
  historyStart?: UnixSeconds | null;
}

/** A frame request plus the analysis parameters (settings.spikes / levels / oscillators). */
export interface AnalyzeRequest extends FrameRequest {
  params: AnalysisParams;
}

/** Frame, scores, events, levels and oscillators; typed arrays are transferred, not copied. */
export interface AnalyzeResult extends FrameResult {
  analysis: Analysis;
}

/** Compute worker calls. Long calls take a `callId` so the facade can cancel them. */
export interface ComputeApi extends Cancellable, StudyApi {
  /** Reads stored data and bins it to the requested timeframe. */
  loadFrame(request: FrameRequest, callId?: number): Promise<FrameResult>;
  /**
   * Loads, bins and analyses. Repeated calls with the same request and parameters update incrementally (only
   * new or revised bars are processed); results equal a full pass.
   */
  analyze(request: AnalyzeRequest, callId?: number): Promise<AnalyzeResult>;
  /** Diagnostic: busy-works for `ms`, posting a tick on BroadcastChannel `channel` every ~10 ms. */
  spin(ms: number, channel: string, callId?: number): Promise<number>;
}
