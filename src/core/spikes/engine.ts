/**
 * Streaming spike detector over a growing frame. Bars before the last are committed once (O(W) each: the window
 * memmove); the last, still-open bar is only scored against the past (O(log W)), so a live update never
 * recomputes history and gives exactly what a full pass over the same bars gives.
 */
import { scoreOfUsd } from '../context/liq-bp';
import { ensure } from '../ensure';
import type { Side, SpikeEvent } from '../events';
import type { Timeframe } from '../intervals';
import type { BarFrame, LiqSeries } from '../series';
import { buildEvent, type SeriesScores } from './classify';
import { declusterRuns, type Run, runIsFinal } from './decluster';
import { branchingRatio, HawkesLite } from './hawkes';
import { heatHalfLifeBars, resolveLongWindow, runGapBars, type SpikeParams } from './params';
import { HeatScorer, SeriesScorer } from './series-scorer';

const SERIES = ['long', 'short', 'total'] as const;
type SeriesName = (typeof SERIES)[number];
/** Position of each series in the engine's per-series arrays (plain arrays keep the per-bar loop monomorphic). */
const SLOT: Record<SeriesName, number> = { long: 0, short: 1, total: 2 };

function allocScores(n: number, old?: SeriesScores): SeriesScores {
  const grow = <T extends Float64Array | Uint8Array>(make: (k: number) => T, prev?: T): T => {
    const a = make(n);
    if (prev) a.set(prev.subarray(0, Math.min(prev.length, n)));
    return a;
  };
  const f = (k: number) => new Float64Array(k);
  return {
    z: grow(f, old?.z),
    zRaw: grow(f, old?.zRaw),
    pEmp: grow(f, old?.pEmp),
    pTail: grow(f, old?.pTail),
    pBg: grow(f, old?.pBg),
    jump: grow(f, old?.jump),
    ordinaryHour: grow((k) => new Uint8Array(k), old?.ordinaryHour),
    spike: grow((k) => new Uint8Array(k), old?.spike),
  };
}

/** Incremental detector; call `update` with the same frame grown or its last bar changed. */
export class SpikeEngine {
  /** Per series, in SLOT order. */
  private readonly scorers: SeriesScorer[];
  private readonly heat: HeatScorer;
  private readonly hawkes: HawkesLite[];
  private scores: SeriesScores[];
  /** One bar's USD and scored value per series, in SLOT order (reused every bar). */
  private readonly usd = new Float64Array(3);
  private readonly x = new Float64Array(3);
  private heatZ = new Float64Array(0);
  /** uncovered[i] = bars without data among bars 0 … i − 1 (so the long window's data count is O(1)). */
  private uncovered = new Int32Array(1);
  private committed = 0;
  private n = 0;
  private readonly finalEvents: SpikeEvent[] = [];
  private readonly scanFrom: Record<Side, number> = { long: 0, short: 0 };
  private provisional: SpikeEvent[] = [];
  /** Earliest bar of a run that may still change; levels commit only before it. */
  provisionalFrom = 0;
  readonly runGap: number;
  /** The long baseline's window in bars. */
  readonly longWindow: number;

  constructor(
    readonly timeframe: Timeframe,
    readonly params: SpikeParams,
    readonly window: number,
    readonly step: number,
  ) {
    this.runGap = runGapBars(params, step);
    // Events are per side, so only L and S carry the long baseline.
    const mk = (long: boolean) => new SeriesScorer(params, window, step, long);
    this.scorers = [mk(true), mk(true), mk(false)];
    this.longWindow = resolveLongWindow(params, step);
    const minPeriods = Math.max(1, Math.ceil(window * params.minPeriodsFraction));
    const halfLife = heatHalfLifeBars(params, step);
    this.heat = new HeatScorer(halfLife, window, minPeriods, params.sigmaMin);
    // Each side excites itself: a branching ratio is only meaningful when E is built from the series it predicts.
    const hk = () => new HawkesLite(2 ** (-1 / halfLife), window, minPeriods);
    this.hawkes = [hk(), hk(), hk()];
    this.scores = [allocScores(0), allocScores(0), allocScores(0)];
  }

  /** Bars scored so far. */
  get length(): number {
    return this.n;
  }

  /** Scores new bars and re-scores the open last bar. */
  update(frame: BarFrame): void {
    const n = frame.liq.long.length;
    if (n < this.committed) throw new Error('frame shrank: start a new SpikeEngine');
    this.reserve(n);
    this.scoreRange(frame, this.committed, n);
    this.n = n;
    this.updateEvents(frame);
  }

  /** Per-series scores (views of length n). */
  series(name: SeriesName): SeriesScores {
    const s = ensure(this.scores[SLOT[name]], name);
    const n = this.n;
    return {
      z: s.z.subarray(0, n),
      zRaw: s.zRaw.subarray(0, n),
      pEmp: s.pEmp.subarray(0, n),
      pTail: s.pTail.subarray(0, n),
      pBg: s.pBg.subarray(0, n),
      jump: s.jump.subarray(0, n),
      ordinaryHour: s.ordinaryHour.subarray(0, n),
      spike: s.spike.subarray(0, n),
    };
  }

  /** z(E) per bar (view of length n). */
  heatScores(): Float64Array {
    return this.heatZ.subarray(0, this.n);
  }

  /** Hawkes-lite branching ratio n̂ = a/(1 − φ) of the window before the last bar (NaN before min periods). */
  branching(name: SeriesName): number {
    const h = ensure(this.hawkes[SLOT[name]], name);
    return branchingRatio(h.windowFit(), h.phi);
  }

  /** All events, final then provisional, ordered by first bar then side. */
  events(): SpikeEvent[] {
    return [...this.finalEvents, ...this.provisional].sort(
      (a, b) => a.firstIndex - b.firstIndex || (a.side < b.side ? -1 : a.side > b.side ? 1 : 0),
    );
  }

  /** Bars with data in the long window before bar i. */
  private readonly longBarsAt = (i: number): number => {
    const from = Math.max(0, i - this.longWindow);
    return i - from - ((this.uncovered[i] ?? 0) - (this.uncovered[from] ?? 0));
  };

  private reserve(n: number): void {
    if (n <= this.heatZ.length) return;
    const cap = Math.max(n, this.heatZ.length * 2);
    this.scores = this.scores.map((s) => allocScores(cap, s));
    const h = new Float64Array(cap);
    h.set(this.heatZ);
    this.heatZ = h;
    const u = new Int32Array(cap + 1);
    u.set(this.uncovered);
    this.uncovered = u;
  }

  /**
   * Scores bars from … n − 1 (committing all but the last). A method of its own so that V8's on-stack replacement
   * compiles just this loop: compiled inside `update`, the code after the loop had no type feedback yet, and every
   * pass threw the compiled loop away on leaving it.
   */
  private scoreRange(frame: BarFrame, from: number, n: number): void {
    // The frame is read here once: frames come in more than one shape (with open interest or without), and code
    // that looked at the frame on every bar was thrown away each time V8 met a shape it had not seen.
    const { liq, oiOpen, start, step } = frame;
    for (let i = from; i < n; i++) this.scoreBar(liq, oiOpen, start + i * step, i, i < n - 1);
  }

  private scoreBar(
    liq: LiqSeries,
    oiOpen: Float64Array | undefined,
    time: number,
    i: number,
    commit: boolean,
  ): void {
    const covered = liq.covered[i] === 1;
    const usd = this.usd;
    const x = this.x;
    usd[0] = covered ? (liq.long[i] ?? 0) : Number.NaN;
    usd[1] = covered ? (liq.short[i] ?? 0) : Number.NaN;
    usd[2] = (usd[0] ?? 0) + (usd[1] ?? 0);
    // The value scored: USD, or bp of open interest (NaN where the bar is a gap or has no open interest).
    for (let k = 0; k < 3; k++) x[k] = scoreOfUsd(usd[k] ?? Number.NaN, i, this.params.scoreBasis, oiOpen);
    const total = x[2] ?? Number.NaN;
    // A bar the basis cannot score (a gap, or no open interest under bp) holds no data for the long window either.
    this.uncovered[i + 1] = (this.uncovered[i] ?? 0) + (Number.isNaN(total) ? 1 : 0);
    this.heatZ[i] = this.heat.peek();
    for (let k = 0; k < 3; k++) {
      const xk = x[k] ?? Number.NaN;
      const scorer = ensure(this.scorers[k], 'scorer');
      const hawkes = ensure(this.hawkes[k], 'hawkes');
      const s = ensure(this.scores[k], 'scores');
      const r = scorer.peek(xk, time, usd[k] ?? Number.NaN);
      s.z[i] = r.z;
      s.zRaw[i] = r.zRaw;
      s.pEmp[i] = r.pEmp;
      s.pTail[i] = r.pTail;
      s.ordinaryHour[i] = r.ordinaryForHour ? 1 : 0;
      s.spike[i] = r.spike;
      s.pBg[i] = hawkes.peek();
      s.jump[i] = Number.isNaN(xk) ? Number.NaN : xk / hawkes.recentLevel();
      if (commit) {
        scorer.commit(xk, time, r);
        hawkes.commit(xk);
      }
    }
    if (commit) {
      this.heat.commit(total);
      this.committed = i + 1;
    }
  }

  private updateEvents(frame: BarFrame): void {
    const n = this.n;
    const lastKnown = n - 2;
    this.provisional = [];
    this.provisionalFrom = Math.max(0, n - 1);
    const heat = this.heatScores();
    for (const side of ['long', 'short'] as const) {
      const sc = this.series(side);
      const runs: Run[] = declusterRuns(sc.spike, this.runGap, this.scanFrom[side], n);
      for (const run of runs) {
        const ev = buildEvent(frame, this.timeframe, side, run, sc, heat, this.params, this.longBarsAt);
        if (runIsFinal(run, this.runGap, lastKnown)) {
          this.finalEvents.push(ev);
          this.scanFrom[side] = run.last + 1;
        } else {
          this.provisional.push(ev);
          this.provisionalFrom = Math.min(this.provisionalFrom, run.first);
        }
      }
    }
  }
}
