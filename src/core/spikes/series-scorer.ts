/**
 * Scores one liquidation series (L, S or T) bar by bar on two time scales: the local baseline (robust z with the
 * hour-of-day offset, empirical p, floor: "unusual right now") and, for L and S, the long baseline (tail p and
 * hour-of-day rank over ~90 days: "how rare in this regime").
 */
import { ensure } from '../ensure';
import { RollingRobust } from '../stats/rolling-robust';
import { utcHour } from '../time';
import { LongBaseline } from './long-baseline';
import { extremeTailP, type SpikeParams } from './params';

/** Spike flag bit: the local rule (z, empirical p and floor against the last W bars). */
export const SPIKE_LOCAL = 1;
/** Spike flag bit: the long-window tail p is at or below the extreme cut-off. */
export const SPIKE_EXTREME = 2;

/** One bar's scores before the bar is admitted to the baseline. */
export interface ScoredBar {
  z: number;
  zRaw: number;
  pEmp: number;
  /** Long-window tail p (NaN without a long baseline, at or below its threshold, or with too little history). */
  pTail: number;
  /** Spike bars only: ordinary for its hour of day over the long window (not in its top 1 %), a seasonal candidate. */
  ordinaryForHour: boolean;
  /** 0, or SPIKE_LOCAL and/or SPIKE_EXTREME: which rule made the bar a spike bar. */
  spike: number;
  /** Baseline median, kept to admit the seasonal residual y − m. */
  median: number;
}

/** Hour-of-day residual medians over the last `days` days, one window per UTC hour. */
class Seasonal {
  private readonly buckets: RollingRobust[] = [];

  constructor(
    step: number,
    days: number,
    private readonly minPoints: number,
  ) {
    const perBucket = Math.max(1, Math.round((days * 3600) / step));
    for (let h = 0; h < 24; h++) this.buckets.push(new RollingRobust(perBucket, 1, 0));
  }

  offset(time: number): number {
    const b = this.bucket(time);
    const n = b.sorted.size;
    if (n === 0) return 0;
    // Shrink toward 0 while the bucket is thin, so one early burst does not become "seasonal".
    return b.sorted.median() * Math.min(1, n / this.minPoints);
  }

  push(time: number, residual: number): void {
    this.bucket(time).push(residual);
  }

  private bucket(time: number): RollingRobust {
    return ensure(this.buckets[utcHour(time)], 'hour bucket');
  }
}

/** Streaming scorer; `peek` never changes state, `commit` admits the bar. */
export class SeriesScorer {
  private readonly robust: RollingRobust;
  private readonly seasonal: Seasonal | null;
  private readonly long: LongBaseline | null;
  private readonly extremeP: number;
  /** The one result `peek` writes into and returns (three series score every bar; see RollingRobust). */
  private readonly scored: ScoredBar = {
    z: Number.NaN,
    zRaw: Number.NaN,
    pEmp: Number.NaN,
    pTail: Number.NaN,
    ordinaryForHour: false,
    spike: 0,
    median: Number.NaN,
  };

  constructor(
    private readonly params: SpikeParams,
    window: number,
    step: number,
    withLongBaseline: boolean,
  ) {
    const minPeriods = Math.max(1, Math.ceil(window * params.minPeriodsFraction));
    this.robust = new RollingRobust(window, minPeriods, params.sigmaMin);
    this.seasonal =
      params.seasonal && step <= 3600
        ? new Seasonal(step, params.seasonalDays, params.seasonalMinPoints)
        : null;
    this.long = withLongBaseline ? new LongBaseline(params, step, minPeriods) : null;
    this.extremeP = extremeTailP(params, step);
  }

  /**
   * Scores `x` (USD or bp of open interest in score units; NaN = gap) at bar start `time` against the past only;
   * `usd` is the bar's USD, which the USD floor is compared with whatever is scored. The result is reused by the
   * next `peek`.
   */
  peek(x: number, time: number, usd: number = x): ScoredBar {
    const y = Math.log1p(x);
    const p = this.params;
    const s = this.robust.peek(y);
    const long = this.long;
    const out = this.scored;
    out.pTail = long ? long.tailP(x) : Number.NaN;
    out.median = s.median;
    // A bar the long window calls extreme is an event even when the last week was busier (a crash's second wave).
    const extreme = out.pTail <= this.extremeP && usd >= p.usdFloor ? SPIKE_EXTREME : 0;
    if (Number.isNaN(s.z) || Number.isNaN(y)) {
      out.z = Number.NaN;
      out.zRaw = Number.NaN;
      out.pEmp = Number.NaN;
      out.spike = extreme;
    } else {
      const off = this.seasonal ? this.seasonal.offset(time) : 0;
      out.zRaw = s.z;
      out.z = (y - s.median - off) / s.sigma;
      out.pEmp = s.pEmp;
      const floorOk =
        usd >= p.usdFloor && (p.floorQuantile <= 0 || y >= this.robust.sorted.quantile(p.floorQuantile));
      const local =
        (out.z >= p.zThreshold || out.zRaw >= p.zThreshold) && out.pEmp <= p.pThreshold && floorOk;
      out.spike = (local ? SPIKE_LOCAL : 0) | extreme;
    }
    // Only spike bars are ever labelled, so the hour-of-day rank is looked up only for them.
    out.ordinaryForHour = out.spike !== 0 && long !== null && long.ordinaryForHour(x, time);
    return out;
  }

  /** Admits the bar after it closed; `scored` must be this bar's `peek` result. */
  commit(x: number, time: number, scored: ScoredBar): void {
    const y = Math.log1p(x);
    this.robust.push(y);
    if (this.seasonal && !Number.isNaN(scored.median) && !Number.isNaN(y))
      this.seasonal.push(time, y - scored.median);
    this.long?.commit(x);
  }
}

/** Cascade heat: E_t = φ·E_{t−1} + X_{t−1} (φ = 2^(−1/h)), scored as a robust z of ln(1 + E). */
export class HeatScorer {
  /** Starts as NaN and is zeroed in the constructor, as in HawkesLite: it holds fractions. */
  private e = Number.NaN;
  private readonly phi: number;
  private readonly robust: RollingRobust;

  constructor(halfLifeBars: number, window: number, minPeriods: number, sigmaMin: number) {
    this.phi = 2 ** (-1 / halfLifeBars);
    this.robust = new RollingRobust(window, minPeriods, sigmaMin);
    this.e = 0;
  }

  /** z(E_t): E_t holds liquidations up to bar t−1 only. */
  peek(): number {
    return this.robust.peek(Math.log1p(this.e)).z;
  }

  /** Admits bar t's total X_t (NaN counts as 0). */
  commit(x: number): void {
    this.robust.push(Math.log1p(this.e));
    this.e = this.phi * this.e + (Number.isNaN(x) ? 0 : x);
  }
}
