/**
 * SPOT-style peaks-over-threshold tail model (Siffer et al. 2017): calibrate the threshold u on the first values,
 * then refit the GPD on every excess. p_tail(x) = (N_u / n) · GPD.sf(x − u), scored before x is admitted.
 */
import { fitGpdMle, fitGpdPwmSorted, type GpdFit, gpdSf } from './gpd';
import { SortedWindow } from './sorted-window';

/** Tail model settings. */
export interface SpotParams {
  /** Quantile of the calibration values that sets u (0.98). */
  level: number;
  /** Values used to calibrate u before any tail p is given. */
  nInit: number;
  /** Most recent excesses kept for the fit. */
  maxExcess: number;
  /** p_tail is shown only with at least this many excesses (50): fewer make ξ too noisy. */
  minExcess: number;
  /** 'pwm' is O(N_u) per refit and fast enough for a live pass; 'mle' matches scipy's fit. */
  fit: 'pwm' | 'mle';
}

/** Streaming POT tail on one score stream. */
export class SpotTail {
  private calib: number[] = [];
  private u = Number.NaN;
  private n = 0;
  private nExcess = 0;
  private readonly queue: number[] = [];
  private readonly excess: SortedWindow;
  private model: GpdFit | null = null;
  private buf = new Float64Array(0);

  constructor(readonly params: SpotParams) {
    this.excess = new SortedWindow(params.maxExcess);
  }

  /** Threshold u (NaN until calibrated). */
  get threshold(): number {
    return this.u;
  }

  /** Total excesses seen (N_u). */
  get excesses(): number {
    return this.nExcess;
  }

  /** Tail p of x against the past only; NaN below u, before calibration or with too few excesses. */
  peek(x: number): number {
    if (!this.model || Number.isNaN(x) || !(x > this.u) || this.nExcess < this.params.minExcess)
      return Number.NaN;
    return (this.nExcess / this.n) * gpdSf(x - this.u, this.model);
  }

  /** Admits x and refits when it is an excess. */
  push(x: number): void {
    if (Number.isNaN(x)) return;
    this.n++;
    if (Number.isNaN(this.u)) {
      this.calib.push(x);
      if (this.calib.length >= this.params.nInit) this.calibrate();
      return;
    }
    if (x > this.u) this.addExcess(x - this.u);
  }

  private calibrate(): void {
    const s = new SortedWindow(this.calib.length);
    for (const v of this.calib) s.insert(v);
    this.u = s.quantile(this.params.level);
    for (const v of this.calib) if (v > this.u) this.addExcess(v - this.u, false);
    this.calib = [];
    this.refit();
  }

  private addExcess(y: number, refit = true): void {
    this.nExcess++;
    this.queue.push(y);
    this.excess.insert(y);
    if (this.queue.length > this.params.maxExcess) this.excess.remove(this.queue.shift() ?? Number.NaN);
    if (refit) this.refit();
  }

  private refit(): void {
    const k = this.excess.size;
    if (k < 2) return;
    // one buffer reused across refits: a refit happens on every excess
    if (this.buf.length < k) this.buf = new Float64Array(this.params.maxExcess + 1);
    const xs = this.buf.subarray(0, k);
    for (let i = 0; i < k; i++) xs[i] = this.excess.at(i);
    this.model = this.params.fit === 'mle' ? fitGpdMle(xs) : fitGpdPwmSorted(xs);
  }
}
