/**
 * Liquidation oscillators and EdgeLine, streaming (statistics.md §4). Display values include bar t (its own
 * close); the CLD z is scored against earlier rolling sums only. `peek` never changes state.
 */
import type { CandleSeries, LiqSeries } from '../series';
import { alphaFromSpan } from '../stats/ewm';
import { RollingRobust } from '../stats/rolling-robust';
import type { OscillatorParams } from './params';

/** One bar's oscillator values. */
export interface OscillatorBar {
  /** (EMA L − EMA S) / (EMA L + EMA S + ε), in [−1, 1]; positive = longs flushed. */
  lsi: number;
  /** Σ (S − L) since 00:00 UTC; positive = shorts squeezed. */
  cldDay: number;
  /** Robust z of the signed-log rolling CLD sum. */
  cldZ: number;
  /** Liquidation-weighted typical price of longs / shorts over the EdgeLine window. */
  edgeLong: number;
  edgeShort: number;
}

/** A fresh bar of NaNs. */
export function emptyBar(): OscillatorBar {
  return {
    lsi: Number.NaN,
    cldDay: Number.NaN,
    cldZ: Number.NaN,
    edgeLong: Number.NaN,
    edgeShort: Number.NaN,
  };
}

/** One bar's inputs: USD per side (0 in a gap), typical price and the weights EdgeLine uses, and the UTC day. */
interface BarInputs {
  L: number;
  S: number;
  tp: number;
  wL: number;
  wS: number;
  day: number;
}

const EPS = 1e-9;
const slog = (v: number) => Math.sign(v) * Math.log1p(Math.abs(v));

/** Rolling sums over a ring of k slots. */
class RingSum {
  private readonly ring: Float64Array;
  private head = 0;
  /** Starts as NaN and is zeroed in the constructor, as in HawkesLite: it holds fractions. */
  sum = Number.NaN;
  constructor(k: number) {
    this.ring = new Float64Array(Math.max(1, k));
    this.sum = 0;
  }
  /** Sum if x were admitted. */
  peek(x: number): number {
    return this.sum - (this.ring[this.head] ?? 0) + x;
  }
  push(x: number): void {
    this.sum = this.peek(x);
    this.ring[this.head] = x;
    this.head = (this.head + 1) % this.ring.length;
  }
}

/** Streaming oscillator state. */
export class OscillatorEngine {
  private emaL = Number.NaN;
  private emaS = Number.NaN;
  private day = Number.NaN;
  private cld = Number.NaN;
  private readonly alpha: number;
  private readonly cldSum: RingSum;
  private readonly cldRobust: RollingRobust;
  /** EdgeLine sums over its window: price × USD and USD, per side. */
  private readonly edgePxL: RingSum;
  private readonly edgeL: RingSum;
  private readonly edgePxS: RingSum;
  private readonly edgeS: RingSum;
  private readonly input: BarInputs = {
    L: Number.NaN,
    S: Number.NaN,
    tp: Number.NaN,
    wL: Number.NaN,
    wS: Number.NaN,
    day: Number.NaN,
  };

  constructor(p: OscillatorParams, step: number, window: number, minPeriods: number) {
    this.alpha = alphaFromSpan(p.lsiBars);
    this.cldSum = new RingSum(Math.round(p.cldWindowSeconds / step));
    this.cldRobust = new RollingRobust(window, minPeriods, 0.1);
    const k = Math.max(1, Math.round(p.edgeWindowSeconds / step));
    this.edgePxL = new RingSum(k);
    this.edgeL = new RingSum(k);
    this.edgePxS = new RingSum(k);
    this.edgeS = new RingSum(k);
    this.cld = 0;
  }

  /** Bar i's inputs, written into one reused object (read before the next call: the pass runs this twice a bar). */
  private inputs(liq: LiqSeries, c: CandleSeries, time: number, i: number): BarInputs {
    const cov = liq.covered[i] === 1;
    const L = cov ? (liq.long[i] ?? 0) : 0;
    const S = cov ? (liq.short[i] ?? 0) : 0;
    const tp = ((c.high[i] ?? Number.NaN) + (c.low[i] ?? Number.NaN) + (c.close[i] ?? Number.NaN)) / 3;
    const ok = Number.isFinite(tp);
    const x = this.input;
    x.L = L;
    x.S = S;
    x.tp = ok ? tp : 0;
    x.wL = ok ? L : 0;
    x.wS = ok ? S : 0;
    x.day = Math.floor(time / 86400);
    return x;
  }

  /**
   * Values at bar i including bar i, without admitting it, written into `out`. Takes the frame's series, read once
   * per range by the caller, not the frame: frames come in more than one shape, and per-bar code that looked at the
   * frame was thrown away each time V8 met a new one (see SpikeEngine.scoreRange).
   */
  peekBar(liq: LiqSeries, candles: CandleSeries, time: number, i: number, out: OscillatorBar): OscillatorBar {
    const x = this.inputs(liq, candles, time, i);
    const a = this.alpha;
    const eL = Number.isNaN(this.emaL) ? x.L : this.emaL + a * (x.L - this.emaL);
    const eS = Number.isNaN(this.emaS) ? x.S : this.emaS + a * (x.S - this.emaS);
    const roll = this.cldSum.peek(x.S - x.L);
    const wl = this.edgeL.peek(x.wL);
    const ws = this.edgeS.peek(x.wS);
    out.lsi = (eL - eS) / (eL + eS + EPS);
    out.cldDay = (x.day === this.day ? this.cld : 0) + (x.S - x.L);
    out.cldZ = this.cldRobust.peek(slog(roll)).z;
    out.edgeLong = wl > 0 ? this.edgePxL.peek(x.tp * x.wL) / wl : Number.NaN;
    out.edgeShort = ws > 0 ? this.edgePxS.peek(x.tp * x.wS) / ws : Number.NaN;
    return out;
  }

  /** Admits closed bar i, from the frame's series (see peekBar). */
  commitBar(liq: LiqSeries, candles: CandleSeries, time: number, i: number): void {
    const x = this.inputs(liq, candles, time, i);
    const a = this.alpha;
    this.emaL = Number.isNaN(this.emaL) ? x.L : this.emaL + a * (x.L - this.emaL);
    this.emaS = Number.isNaN(this.emaS) ? x.S : this.emaS + a * (x.S - this.emaS);
    this.cld = (x.day === this.day ? this.cld : 0) + (x.S - x.L);
    this.day = x.day;
    this.cldSum.push(x.S - x.L);
    this.cldRobust.push(slog(this.cldSum.sum));
    this.edgePxL.push(x.tp * x.wL);
    this.edgeL.push(x.wL);
    this.edgePxS.push(x.tp * x.wS);
    this.edgeS.push(x.wS);
  }
}
