/** The compute worker's API as the page sees it. */
import type { Analysis, AnalysisParams } from '../../core/analysis/analyzer';
import type { ScoreBasis } from '../../core/context/liq-bp';
import type { ContextKind } from '../../core/context/series';
import type { BaseInterval, Timeframe } from '../../core/intervals';
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
  /** Base asset whose contracts the frame sums (`BTC`, `ETH`, …). */
  asset: string;
  timeframe: Timeframe;
  filter: ContractFilter;
  /** Market whose candles are drawn. */
  referenceSymbol: string;
  /** Also read each exchange's liquidations (the frame's `exchanges`), for the stacked histogram and the CSV. */
  byExchange?: boolean;
}

/** A frame plus what the chart should say about it. */
export interface FrameResult {
  frame: BarFrame;
  /** Set when the timeframe cannot be shown exactly from stored data (e.g. 1m from hourly data). */
  notice: string | null;
  /** Start of the first covered bar: the chart marks where this timeframe's history begins. */
  historyStart?: UnixSeconds | null;
}

/**
 * A stored change, in unix seconds, [from, to), as data-change notices report it. `kind`, `interval` and `symbols`
 * let a frame skip changes it cannot show; without them the span counts for every frame.
 */
export interface ChangedSpan {
  from: number;
  to: number;
  kind?: 'liq' | 'candle' | ContextKind;
  interval?: BaseInterval;
  symbols?: readonly string[];
  /** `from` needs no widening to the storage chunk (see `DataChanged.exact`). */
  exact?: boolean;
}

/** A frame request plus the analysis parameters (settings.spikes / levels / oscillators). */
export interface AnalyzeRequest extends FrameRequest {
  params: AnalysisParams;
  /**
   * What was stored in this source since the previous `analyze` call of this page (any request): the worker
   * re-reads only from the earliest change. Omitted or null: unknown, read everything.
   */
  changes?: readonly ChangedSpan[] | null;
}

/**
 * Open interest and funding over the chart's contract filter on the frame's bar grid (one value per bar, NaN in
 * gaps and where nothing is stored): OI in USD summed over the contracts, its change from the previous bar (NaN
 * where the number of contracts summed changes), funding and predicted funding (%) weighted by OI.
 */
export interface FrameContext {
  oi: Float64Array;
  /**
   * Open interest at each bar's open as the bp-of-OI score divides by it: NaN where missing, or where a contract
   * that reported in the day before is missing from the sum (`completeOpens`).
   */
  oiOpen: Float64Array;
  oiChange: Float64Array;
  funding: Float64Array;
  predicted: Float64Array;
  /** The stored base interval each series was read at; null when none is stored for the filter. */
  intervals: Readonly<Record<ContextKind, BaseInterval | null>>;
}

/** Frame, scores, events, levels and oscillators; typed arrays are transferred, not copied. */
export interface AnalyzeResult extends FrameResult {
  analysis: Analysis;
  /** Open interest and funding on the frame's bars. */
  context: FrameContext;
  /** What the spikes were scored on (the request's `params.spikes.scoreBasis`). */
  scoreBasis: ScoreBasis;
}

/** Compute worker calls. Long calls take a `callId` so the facade can cancel them. */
export interface ComputeApi extends Cancellable, StudyApi {
  /** Reads stored data and bins it to the requested timeframe. */
  loadFrame(request: FrameRequest, callId?: number): Promise<FrameResult>;
  /**
   * Loads, bins and analyses. Repeated calls with the same request and parameters update incrementally: only the
   * bars from the earliest of `request.changes` are re-read, only new or revised bars are analysed; results equal
   * a full load and a full pass.
   */
  analyze(request: AnalyzeRequest, callId?: number): Promise<AnalyzeResult>;
  /** Diagnostic: busy-works for `ms`, posting a tick on BroadcastChannel `channel` every ~10 ms. */
  spin(ms: number, channel: string, callId?: number): Promise<number>;
}
