/**
 * Peaks-over-threshold tail on a sliding window, SPOT-style (Siffer et al. 2017): the threshold u is a high
 * quantile of the window, re-estimated once every `recalibrateEvery` values; between re-estimates a value is only
 * compared with u (O(1)), and an excess updates the runs-declustered clusters. The GPD is fitted to the peak
 * excesses of the finished clusters (a cluster still open can grow and says nothing independent about its own
 * later bars), refitted when that set changed and a value above u needs its tail p. Every output is a function of
 * the window's contents and the re-estimation schedule alone, so a live update and a full pass agree to the bit.
 */
import { fitGpdTail, type GpdFit, gpdSf } from './gpd';
import { selectKth } from './select';
import { SortedWindow } from './sorted-window';

/** Settings of the sliding tail. */
export interface SlidingSpotParams {
  /** Values in the window (W). */
  window: number;
  /** Quantile of the window that sets u. */
  level: number;
  /** u is lowered so that at least this many window values exceed it while the window is short. */
  minExcess: number;
  /** Runs rule: excesses with at most this many values at or below u between them form one cluster. */
  runGap: number;
  /** u is re-estimated every this many values (once per day of bars). */
  recalibrateEvery: number;
  /** No tail before the window holds this many values. */
  minPeriods: number;
  /** The highest quantile `quantile` is asked for besides u (0.99: the top 1 %). */
  topQuantile: number;
}

/** Fewest declustered peaks a GPD is fitted to; below this the tail p is NaN. */
export const MIN_PEAKS = 5;

/** Sliding-window POT tail: `peek` gives the tail p of a value against the window, `push` admits it. */
export class SlidingSpot {
  private readonly ring: Float64Array;
  /** Values pushed so far; value number b sits in ring[b % W]. */
  private t = 0;
  private nValid = 0;
  /** Every window value ≥ low is in `top` (sorted) and in the time-ordered candidate queue; `below` counts the rest. */
  private low = Number.NaN;
  private below = 0;
  private readonly top: SortedWindow;
  private candIdx: number[] = [];
  private candVal: number[] = [];
  private candHead = 0;
  private u = Number.NaN;
  /** The quantile level u was set at; the candidate set always reaches down to it, so it holds every excess. */
  private uLevel = 1;
  /** Declustered peaks over u, oldest first. */
  private cFirst: number[] = [];
  private cLast: number[] = [];
  private cPeak: number[] = [];
  private cHead = 0;
  private fit: GpdFit | null = null;
  /** Bumped whenever a finished cluster changes other than by being appended or dropped (and on re-estimates). */
  private version = 0;
  /** (cHead, finished end, version) of the fitted set; the fit is reused while they are unchanged. */
  private fitHead = -1;
  private fitEnd = -1;
  private fitVersion = -1;
  private buf = new Float64Array(16);
  private scratch = new Float64Array(0);

  constructor(readonly params: SlidingSpotParams) {
    this.ring = new Float64Array(Math.max(1, params.window)).fill(Number.NaN);
    this.top = new SortedWindow(64);
  }

  /** Threshold u (NaN until the window holds `minPeriods` values). */
  get threshold(): number {
    return this.u;
  }

  /** Non-NaN values in the window. */
  get count(): number {
    return this.nValid;
  }

  /** End (exclusive) of the finished clusters: all but the last when a value pushed next could still join it. */
  private finishedEnd(): number {
    const end = this.cLast.length;
    if (end === this.cHead) return end;
    return this.t - (this.cLast[end - 1] ?? 0) - 1 <= this.params.runGap ? end - 1 : end;
  }

  /** Finished declustered clusters over u in the window: the peaks the GPD is fitted to. */
  get peakCount(): number {
    return this.finishedEnd() - this.cHead;
  }

  /** Peak excesses over u of the finished clusters, oldest first (what the GPD is fitted to). */
  peakExcesses(): number[] {
    return this.cPeak.slice(this.cHead, this.finishedEnd()).map((p) => p - this.u);
  }

  /** The GPD on the finished clusters' peaks (null with fewer than MIN_PEAKS of them). */
  model(): GpdFit | null {
    if (Number.isNaN(this.u) || this.peakCount < MIN_PEAKS) return null;
    const end = this.finishedEnd();
    if (this.cHead !== this.fitHead || end !== this.fitEnd || this.version !== this.fitVersion) {
      this.refit();
      this.fitHead = this.cHead;
      this.fitEnd = end;
      this.fitVersion = this.version;
    }
    return this.fit;
  }

  /**
   * Tail p of x against the window: the per-value rate of declustered peaks at least x,
   * (N_peaks / n)·GPD.sf(x − u). NaN at or below u, before `minPeriods`, or with fewer than MIN_PEAKS peaks.
   */
  peek(x: number): number {
    if (!(x > this.u)) return Number.NaN;
    const fit = this.model();
    if (!fit) return Number.NaN;
    return (this.peakCount / this.nValid) * gpdSf(x - this.u, fit);
  }

  /** Type-7 quantile of the window for q between the threshold's level and `topQuantile`. */
  quantile(q: number): number {
    const n = this.nValid;
    if (n === 0) return Number.NaN;
    const pos = (n - 1) * q;
    const i = Math.floor(pos);
    if (Number.isNaN(this.low) || i < this.below) this.refresh(Math.min(q, this.uLevel));
    const a = this.top.at(i - this.below);
    const frac = pos - i;
    return frac === 0 ? a : a + (this.top.at(i + 1 - this.below) - a) * frac;
  }

  /** Admits x (NaN = a gap: it occupies a slot and is not ranked). */
  push(x: number): void {
    const W = this.params.window;
    const b = this.t;
    if (b >= W) this.evict(b - W, this.ring[(b - W) % W] ?? Number.NaN);
    this.ring[b % W] = x;
    this.t = b + 1;
    if (!Number.isNaN(x)) {
      this.nValid++;
      if (!Number.isNaN(this.low)) {
        if (x >= this.low) {
          this.top.insert(x);
          this.candIdx.push(b);
          this.candVal.push(x);
        } else this.below++;
      }
      if (x > this.u) this.addExcess(b, x);
    }
    const p = this.params;
    if (this.nValid >= p.minPeriods && (Number.isNaN(this.u) || this.t % p.recalibrateEvery === 0))
      this.recalibrate();
  }

  private evict(j: number, v: number): void {
    if (Number.isNaN(v)) return;
    this.nValid--;
    if (!Number.isNaN(this.low)) {
      if (v >= this.low) {
        if (this.candIdx[this.candHead] !== j) throw new Error('SlidingSpot: candidate queue out of step');
        this.top.remove(v);
        this.candHead++;
        this.compact();
      } else this.below--;
    }
    if (v > this.u) this.dropExcess(j, v);
  }

  private addExcess(i: number, x: number): void {
    const last = this.cLast.length - 1;
    if (last >= this.cHead && i - (this.cLast[last] ?? 0) - 1 <= this.params.runGap) {
      this.cLast[last] = i;
      // Only the open cluster is extended, and it is not in the fitted set: no refit needed.
      if (x > (this.cPeak[last] ?? 0)) this.cPeak[last] = x;
      return;
    }
    this.cFirst.push(i);
    this.cLast.push(i);
    this.cPeak.push(x);
  }

  /** Bar j (an excess) leaves: it is the first member of the oldest cluster. */
  private dropExcess(j: number, v: number): void {
    const c = this.cHead;
    if (this.cFirst[c] !== j) throw new Error('SlidingSpot: cluster queue out of step');
    const last = this.cLast[c] ?? j;
    if (last === j) {
      this.cHead++;
      return;
    }
    // The cluster's members are the candidates above u in [j + 1, last].
    let first = -1;
    let peak = Number.NEGATIVE_INFINITY;
    for (let q = this.candHead; q < this.candIdx.length; q++) {
      const idx = this.candIdx[q] ?? 0;
      if (idx > last) break;
      const val = this.candVal[q] ?? Number.NaN;
      if (!(val > this.u)) continue;
      if (first < 0) first = idx;
      if (val > peak) peak = val;
    }
    if (first < 0) throw new Error('SlidingSpot: cluster lost its members');
    this.cFirst[c] = first;
    if (v === this.cPeak[c] && peak !== v) {
      this.cPeak[c] = peak;
      this.version++;
    }
  }

  private recalibrate(): void {
    const p = this.params;
    const n = this.nValid;
    const level = Math.max(0, Math.min(p.level, 1 - p.minExcess / n));
    const qLow = Math.min(level, p.topQuantile);
    const rank = Math.floor((n - 1) * qLow);
    // Rebuild the candidate set when it no longer reaches down to the ranks asked for, or has grown to twice the
    // size a rebuild gives it (the window grew, or the regime moved up): it is scanned at every re-estimate.
    const margin = Math.max(p.minExcess, n - rank);
    if (Number.isNaN(this.low) || rank < this.below || this.top.size > 4 * margin) this.refresh(qLow);
    this.uLevel = level;
    this.u = this.quantile(level);
    this.cFirst = [];
    this.cLast = [];
    this.cPeak = [];
    this.cHead = 0;
    for (let q = this.candHead; q < this.candIdx.length; q++) {
      const val = this.candVal[q] ?? Number.NaN;
      if (val > this.u) this.addExcess(this.candIdx[q] ?? 0, val);
    }
    this.version++;
  }

  /** Chooses a new low-water mark below the q-quantile with room to spare and rebuilds top/candidates: O(W). */
  private refresh(q: number): void {
    const W = this.params.window;
    const n = this.nValid;
    if (this.scratch.length < n) this.scratch = new Float64Array(Math.max(n, 2 * this.scratch.length));
    const from = Math.max(0, this.t - W);
    let m = 0;
    for (let b = from; b < this.t; b++) {
      const v = this.ring[b % W] ?? Number.NaN;
      if (!Number.isNaN(v)) this.scratch[m++] = v;
    }
    const rank = Math.floor((n - 1) * q);
    const margin = Math.max(this.params.minExcess, n - rank);
    this.low = selectKth(this.scratch, m, Math.max(0, rank - margin));
    const kept: number[] = [];
    this.candIdx = [];
    this.candVal = [];
    this.candHead = 0;
    for (let b = from; b < this.t; b++) {
      const v = this.ring[b % W] ?? Number.NaN;
      if (!(v >= this.low)) continue;
      kept.push(v);
      this.candIdx.push(b);
      this.candVal.push(v);
    }
    kept.sort((a, b) => a - b);
    this.top.clear();
    for (const v of kept) this.top.insert(v); // ascending: each insert appends
    this.below = n - kept.length;
  }

  private refit(): void {
    const k = this.peakCount;
    if (this.buf.length < k) this.buf = new Float64Array(2 * k);
    for (let i = 0; i < k; i++) this.buf[i] = (this.cPeak[this.cHead + i] ?? 0) - this.u;
    this.fit = fitGpdTail(this.buf, k);
  }

  private compact(): void {
    if (this.candHead > 1024 && this.candHead * 2 > this.candIdx.length) {
      this.candIdx = this.candIdx.slice(this.candHead);
      this.candVal = this.candVal.slice(this.candHead);
      this.candHead = 0;
    }
    if (this.cHead > 1024 && this.cHead * 2 > this.cPeak.length) {
      this.cFirst = this.cFirst.slice(this.cHead);
      this.cLast = this.cLast.slice(this.cHead);
      this.cPeak = this.cPeak.slice(this.cHead);
      this.cHead = 0;
      this.version++;
    }
  }
}
