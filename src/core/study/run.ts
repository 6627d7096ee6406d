/**
 * The reaction study (statistics.md §3.2): observed statistics per group and horizon, then M placebo draws of
 * matched non-event bars. Everything per bar is precomputed, so a draw is one random index per event plus
 * array lookups: 2,000 draws over a year of 15-minute bars stay well inside the 2 s budget.
 */
import type { Side } from '../events';
import { benjaminiHochberg, createRng, quantileSorted } from '../inference';
import { computeBarStats } from './bars';
import { bpEdges } from './bp-groups';
import { buildPools, draw, markSpan, poolFor } from './placebo';
import { groupKeys, type PreparedEvent, prepareEvents } from './prepare';
import { levelRespect } from './respect';
import { observedRows } from './summary';
import type { CaarCurve, StudyInput, StudyParams, StudyProgress, StudyResult } from './types';

/** Runs the full study; pure and deterministic for a given input and seed. */
export function runStudy(input: StudyInput, params: StudyParams, progress?: StudyProgress): StudyResult {
  const t0 = Date.now();
  const n = input.close.length;
  const hs = params.horizons;
  const hMax = hs[hs.length - 1] ?? 1;
  const windows = new Uint8Array(n);
  const blocked = new Uint8Array(n);
  for (const e of input.events) {
    const last = e.firstIndex + Math.max(0, Math.round((e.lastTime - e.firstTime) / input.step));
    markSpan(windows, e.firstIndex + 1, e.firstIndex + hMax);
    markSpan(blocked, e.firstIndex - params.exclusionGap, last + params.exclusionGap);
  }
  progress?.(0.02, 'per-bar returns');
  const stats = computeBarStats(input, params, windows);
  const pools = buildPools(stats, blocked);
  const edges = params.groupBy === 'bpOfOi' ? bpEdges(input.events) : null;
  const events = prepareEvents(input, params, stats, edges ?? undefined);
  const keys = groupKeys(params.groupBy);
  const rng = createRng(params.seed);
  progress?.(0.1, 'observed statistics');
  const rows = observedRows(keys, events, stats, params, rng);

  const G = keys.length;
  const H = hs.length;
  const E = events.length;
  const obs = Float64Array.from(rows, (r) => r.meanBp / 1e4);
  const exceed = new Int32Array(G * H);
  const meanSum = new Float64Array(G * H);
  const hitSum = new Float64Array(G * H);
  const validDraws = new Int32Array(G * H);
  const sum = new Float64Array(G * H);
  const cnt = new Int32Array(G * H);
  const hits = new Int32Array(G * H);
  const eventPools = events.map((e) => poolFor(pools, stats, e.t0));
  const groupsFlat = Int32Array.from(events.flatMap((e) => e.groups));
  const dirs = Int8Array.from(events, (e) => e.dir);
  const offsets = caarOffsets(params.preBars, hMax, hs);
  const caarDraws = Math.min(params.caarDraws, params.placeboDraws);
  const bandDraws = [
    new Float64Array(caarDraws * offsets.length),
    new Float64Array(caarDraws * offsets.length),
  ];
  const drawn = new Int32Array(E);
  const step = Math.max(1, Math.floor(params.placeboDraws / 40));

  // Bar-major copy of the abnormal returns so one placebo bar's horizons sit next to each other in memory.
  const arFlat = new Float64Array(stats.n * H);
  for (let k = 0; k < H; k++) {
    const col = stats.ar[k] as Float64Array;
    for (let i = 0; i < stats.n; i++) arFlat[i * H + k] = col[i] as number;
  }
  const GH = G * H;
  for (let m = 0; m < params.placeboDraws; m++) {
    sum.fill(0);
    cnt.fill(0);
    hits.fill(0);
    for (let e = 0; e < E; e++) {
      const b = draw(eventPools[e] as Int32Array, rng);
      drawn[e] = b;
      if (b < 0) continue;
      const d = dirs[e] as number;
      const g0 = (groupsFlat[e * 3] as number) * H;
      const g1 = (groupsFlat[e * 3 + 1] as number) * H;
      const g2 = (groupsFlat[e * 3 + 2] as number) * H;
      const base = b * H;
      for (let k = 0; k < H; k++) {
        const v = d * (arFlat[base + k] as number);
        if (Number.isNaN(v)) continue;
        const hit = v > 0 ? 1 : 0;
        sum[g0 + k] += v;
        cnt[g0 + k]++;
        hits[g0 + k] += hit;
        sum[g1 + k] += v;
        cnt[g1 + k]++;
        hits[g1 + k] += hit;
        sum[g2 + k] += v;
        cnt[g2 + k]++;
        hits[g2 + k] += hit;
      }
    }
    for (let idx = 0; idx < GH; idx++) {
      const c = cnt[idx] as number;
      if (c === 0) continue;
      const pm = (sum[idx] as number) / c;
      validDraws[idx]++;
      meanSum[idx] += pm;
      hitSum[idx] += (hits[idx] as number) / c;
      if (pm >= (obs[idx] as number)) exceed[idx]++;
    }
    if (m < caarDraws) placeboCaar(dirs, drawn, stats, offsets, bandDraws, m);
    if (m % step === 0) progress?.(0.1 + (0.8 * m) / params.placeboDraws, 'placebo draws');
  }

  rows.forEach((r, idx) => {
    const v = validDraws[idx] ?? 0;
    if (r.n === 0 || v === 0) return;
    r.placeboP = (1 + (exceed[idx] ?? 0)) / (v + 1);
    r.placeboMeanBp = ((meanSum[idx] ?? 0) / v) * 1e4;
    r.placeboHitRate = (hitSum[idx] ?? 0) / v;
  });
  const q = benjaminiHochberg(rows.map((r) => r.placeboP));
  rows.forEach((r, i) => {
    r.bhQ = q[i] ?? Number.NaN;
  });
  progress?.(0.92, 'level respect');
  const respect = levelRespect(input, params, stats, pools, rng);
  const caar = (['long', 'short'] as Side[]).map((side, s) =>
    caarCurve(side, events, stats, offsets, bandDraws[s] as Float64Array, caarDraws),
  );
  progress?.(1, 'done');
  return {
    timeframe: input.timeframe,
    params,
    bars: n,
    events: events.map((e) => e.row),
    summary: rows,
    caar,
    respect,
    bpEdges: edges ? [...edges] : [],
    elapsedMs: Date.now() - t0,
  };
}

/** Event-time offsets: every bar up to +48, then thinned so a curve has about 120 points. */
export function caarOffsets(pre: number, hMax: number, horizons: readonly number[]): number[] {
  const stride = Math.max(1, Math.ceil((hMax - 48) / 60));
  const set = new Set<number>(horizons);
  for (let k = -pre; k <= hMax; k++) if (k <= 48 || k % stride === 0 || k === hMax) set.add(k);
  return [...set].sort((a, b) => a - b);
}

function pathValue(
  stats: { logClose: Float64Array; mu: Float64Array },
  b: number,
  k: number,
  d: number,
): number {
  const j = b + k;
  if (j < 0 || j >= stats.logClose.length) return Number.NaN;
  return d * ((stats.logClose[j] ?? Number.NaN) - (stats.logClose[b] ?? Number.NaN)) - k * (stats.mu[b] ?? 0);
}

function placeboCaar(
  dirs: Int8Array,
  drawn: Int32Array,
  stats: { logClose: Float64Array; mu: Float64Array },
  offsets: number[],
  band: Float64Array[],
  m: number,
): void {
  const K = offsets.length;
  const lc = stats.logClose;
  const n = lc.length;
  const sums = new Float64Array(2 * K);
  const counts = new Int32Array(2 * K);
  for (let e = 0; e < drawn.length; e++) {
    const b = drawn[e] as number;
    if (b < 0) continue;
    const d = dirs[e] as number;
    const s = d === 1 ? 0 : K;
    const base = lc[b] as number;
    const mu = stats.mu[b] as number;
    for (let k = 0; k < K; k++) {
      const off = offsets[k] as number;
      const j = b + off;
      if (j < 0 || j >= n) continue;
      const v = d * ((lc[j] as number) - base) - off * mu;
      if (Number.isNaN(v)) continue;
      sums[s + k] += v;
      counts[s + k]++;
    }
  }
  for (let s = 0; s < 2; s++) {
    const out = band[s] as Float64Array;
    for (let k = 0; k < K; k++) {
      const c = counts[s * K + k] as number;
      out[m * K + k] = c > 0 ? ((sums[s * K + k] as number) / c) * 1e4 : Number.NaN;
    }
  }
}

function caarCurve(
  side: Side,
  events: PreparedEvent[],
  stats: { logClose: Float64Array; mu: Float64Array },
  offsets: number[],
  band: Float64Array,
  draws: number,
): CaarCurve {
  const mine = events.filter((e) => e.row.side === side);
  const K = offsets.length;
  const caarBp = offsets.map((k) => {
    let total = 0;
    let c = 0;
    for (const e of mine) {
      const v = pathValue(stats, e.t0, k, e.dir);
      if (!Number.isNaN(v)) {
        total += v;
        c++;
      }
    }
    return c > 0 ? (total / c) * 1e4 : Number.NaN;
  });
  const col = new Float64Array(draws);
  const bandLoBp: number[] = [];
  const bandHiBp: number[] = [];
  for (let k = 0; k < K; k++) {
    let c = 0;
    for (let m = 0; m < draws; m++) {
      const v = band[m * K + k] ?? Number.NaN;
      if (!Number.isNaN(v)) col[c++] = v;
    }
    const sorted = col.subarray(0, c).sort();
    bandLoBp.push(quantileSorted(sorted, 0.05));
    bandHiBp.push(quantileSorted(sorted, 0.95));
  }
  return { side, offsets, caarBp, bandLoBp, bandHiBp, n: mine.length };
}
