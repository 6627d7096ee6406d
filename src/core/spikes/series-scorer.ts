/** Scores one liquidation series (L, S or T) bar by bar: robust z, seasonal offset, empirical p, floor, tail p. */
import { RollingRobust } from '../stats/rolling-robust';
import { SpotTail } from '../stats/spot';
import type { SpikeParams } from './params';

/** One bar's scores before the bar is admitted to the baseline. */
export interface ScoredBar {
  z: number;
  zRaw: number;
  pEmp: number;
  pTail: number;
  spike: boolean;
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
    const h = Math.floor((((time % 86400) + 86400) % 86400) / 3600);
    return this.buckets[h] ?? (this.buckets[0] as RollingRobust);
  }
}

/** Streaming scorer; `peek` never changes state, `commit` admits the bar. */
export class SeriesScorer {
  private readonly robust: RollingRobust;
  private readonly seasonal: Seasonal | null;
  private readonly tail: SpotTail;

  constructor(
    private readonly params: SpikeParams,
    window: number,
    step: number,
  ) {
    const minPeriods = Math.max(1, Math.ceil(window * params.minPeriodsFraction));
    this.robust = new RollingRobust(window, minPeriods, params.sigmaMin);
    this.seasonal =
      params.seasonal && step <= 3600
        ? new Seasonal(step, params.seasonalDays, params.seasonalMinPoints)
        : null;
    this.tail = new SpotTail({
      level: params.tailLevel,
      nInit: params.tailInit,
      maxExcess: params.tailMaxExcess,
      minExcess: params.tailMinExcess,
      fit: params.tailFit,
    });
  }

  /** Scores USD `x` (NaN = gap) at bar start `time` against the past only. */
  peek(x: number, time: number): ScoredBar {
    const y = Math.log1p(x);
    const p = this.params;
    const s = this.robust.peek(y);
    if (Number.isNaN(s.z) || Number.isNaN(y)) {
      return {
        z: Number.NaN,
        zRaw: Number.NaN,
        pEmp: Number.NaN,
        pTail: Number.NaN,
        spike: false,
        median: s.median,
      };
    }
    const off = this.seasonal ? this.seasonal.offset(time) : 0;
    const zRaw = s.z;
    const z = (y - s.median - off) / s.sigma;
    const floorOk =
      x >= p.usdFloor && (p.floorQuantile <= 0 || y >= this.robust.sorted.quantile(p.floorQuantile));
    const spike = (z >= p.zThreshold || zRaw >= p.zThreshold) && s.pEmp <= p.pThreshold && floorOk;
    return { z, zRaw, pEmp: s.pEmp, pTail: this.tail.peek(z), spike, median: s.median };
  }

  /** Admits the bar after it closed; `scored` must be this bar's `peek` result. */
  commit(x: number, time: number, scored: ScoredBar): void {
    const y = Math.log1p(x);
    this.robust.push(y);
    if (this.seasonal && !Number.isNaN(scored.median) && !Number.isNaN(y))
      this.seasonal.push(time, y - scored.median);
    if (!Number.isNaN(scored.z)) this.tail.push(scored.z);
  }
}

/** Cascade heat: E_t = φ·E_{t−1} + X_{t−1} (φ = 2^(−1/h)), scored as a robust z of ln(1 + E). */
export class HeatScorer {
  private e = 0;
  private readonly phi: number;
  private readonly robust: RollingRobust;

  constructor(halfLifeBars: number, window: number, minPeriods: number, sigmaMin: number) {
    this.phi = 2 ** (-1 / halfLifeBars);
    this.robust = new RollingRobust(window, minPeriods, sigmaMin);
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
