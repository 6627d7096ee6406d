/**
 * One timeframe's analysis kept warm between calls: a frame that only grew, or whose newest bars were revised,
 * is fed to the same Analyzer (only new or changed bars are processed); any other frame starts a fresh one.
 * Used by the chart's compute worker and by the leader's alert analyzers alike.
 */
import { type Analysis, type AnalysisParams, Analyzer } from '../../core/analysis/analyzer';
import type { Timeframe } from '../../core/intervals';
import type { BarFrame } from '../../core/series';

/** An Analyzer plus the frame geometry it was built for. */
export class IncrementalAnalysis {
  private analyzer: Analyzer | null = null;
  private start = Number.NaN;
  private step = Number.NaN;
  private n = 0;

  constructor(
    readonly timeframe: Timeframe,
    readonly params: AnalysisParams,
  ) {}

  /** Brings the analysis up to `frame` and returns its current result (views into the Analyzer's buffers). */
  update(frame: BarFrame): Analysis {
    const n = frame.liq.long.length;
    if (!this.analyzer || frame.start !== this.start || frame.step !== this.step || n < this.n) {
      this.analyzer = Analyzer.for(frame, this.timeframe, this.params);
      this.start = frame.start;
      this.step = frame.step;
    }
    this.n = n;
    this.analyzer.update(frame);
    return this.analyzer.result();
  }
}
