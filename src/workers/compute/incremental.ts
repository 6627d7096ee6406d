/**
 * One timeframe's analysis kept warm between calls. The Analyzer's contract is a frame that only grew or whose
 * last bar was revised: then only new or changed bars are processed. Anything else starts a fresh Analyzer: an
 * older bar revised (the caller says from which bar the frame changed), a moved start, a shorter frame, or a
 * frame long enough to change the auto window (so the result always equals a full pass over the same frame).
 * A frame carrying open interest (`oiOpen`, for the bp-of-OI score) counts as revised from the first bar whose
 * open interest differs from the previous call's. Used by the chart's compute worker and by the leader's alert
 * analyzers alike.
 */
import { type Analysis, type AnalysisParams, Analyzer } from '../../core/analysis/analyzer';
import { firstOiDifference } from '../../core/context/liq-bp';
import type { Timeframe } from '../../core/intervals';
import type { BarFrame } from '../../core/series';
import { resolveWindow } from '../../core/spikes/params';

/** An Analyzer plus the frame geometry it was built for. */
export class IncrementalAnalysis {
  private analyzer: Analyzer | null = null;
  private start = Number.NaN;
  private step = Number.NaN;
  private window = Number.NaN;
  private n = 0;
  /** A copy of the previous frame's open interest (the caller may reuse its array). */
  private oiOpen: Float64Array | undefined = undefined;
  /** How many updates started a fresh Analyzer, for tests and diagnostics. */
  restarts = 0;

  constructor(
    readonly timeframe: Timeframe,
    readonly params: AnalysisParams,
  ) {}

  /**
   * Brings the analysis up to `frame` and returns its current result (views into the Analyzer's buffers).
   * `revisedFrom` is the first bar that differs from the frame of the previous call (FrameCache.refresh says);
   * without it, only the previous last bar may have changed.
   */
  update(frame: BarFrame, frameRevisedFrom: number = Math.max(0, this.n - 1)): Analysis {
    const n = frame.liq.long.length;
    const revisedFrom = Math.min(frameRevisedFrom, firstOiDifference(this.oiOpen, frame.oiOpen));
    this.oiOpen = frame.oiOpen?.slice();
    const window = resolveWindow(this.params.spikes, frame.step, n);
    if (
      !this.analyzer ||
      frame.start !== this.start ||
      frame.step !== this.step ||
      window !== this.window ||
      n < this.n ||
      revisedFrom < this.n - 1
    ) {
      this.analyzer = new Analyzer(this.timeframe, this.params, frame.step, window);
      this.start = frame.start;
      this.step = frame.step;
      this.window = window;
      this.restarts++;
    }
    this.n = n;
    this.analyzer.update(frame);
    return this.analyzer.result();
  }
}
