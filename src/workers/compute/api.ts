/** The compute worker's API as the page sees it. */
import type { Timeframe } from '../../core/intervals';
import type { ContractFilter } from '../../core/market';
import type { BarFrame } from '../../core/series';
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
}

/** Compute worker calls. Long calls take a `callId` so the facade can cancel them. */
export interface ComputeApi extends Cancellable, StudyApi {
  /** Reads stored data and bins it to the requested timeframe. */
  loadFrame(request: FrameRequest, callId?: number): Promise<FrameResult>;
  /** Diagnostic: busy-works for `ms`, posting a tick on BroadcastChannel `channel` every ~10 ms. */
  spin(ms: number, channel: string, callId?: number): Promise<number>;
}
