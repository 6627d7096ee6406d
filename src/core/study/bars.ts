/**
 * Per-bar quantities computed once per study so that each placebo draw only indexes arrays:
 * log closes, the normal return μ̂, pre-event EWMA volatility, ATR, forward abnormal returns, excursions and
 * first-touch times per horizon, and the placebo matching cell (hour bucket × volatility tercile).
 */
import type { StudyInput, StudyParams } from './types';

/** Sentinel for "not touched within the longest horizon". */
export const NEVER = 0x7fffffff;

/** Precomputed per-bar arrays; per-horizon arrays are indexed [horizonIndex][bar]. */
export interface BarStats {
  n: number;
  logClose: Float64Array;
  /** Normal 1-bar log return at the bar's close (trailing mean excluding event windows). */
  mu: Float64Array;
  /** EWMA σ of 1-bar log returns up to the bar before (the event bar itself is the shock). */
  sigmaPre: Float64Array;
  atr: Float64Array;
  /** Forward abnormal log return r_h − h·μ̂. */
  ar: Float64Array[];
  /** Forward raw log return r_h. */
  raw: Float64Array[];
  /** Highest high above the close, in ATR, over the next h bars. */
  upAtr: Float64Array[];
  /** Close minus lowest low, in ATR, over the next h bars. */
  downAtr: Float64Array[];
  /** Bars until high ≥ close + 1 ATR (NEVER if not within the longest horizon). */
  tUp: Int32Array;
  /** Bars until low ≤ close − 1 ATR. */
  tDown: Int32Array;
  /** Matching cell hourBucket·3 + volTercile, or −1 when the bar lacks the history to be matched. */
  cell: Int32Array;
  cells: number;
}

/** Computes BarStats; `eventWindows` marks bars inside event windows so μ̂ excludes them. */
export function computeBarStats(input: StudyInput, params: StudyParams, eventWindows: Uint8Array): BarStats {
  const { close, high, low } = input;
  const n = close.length;
  const logClose = new Float64Array(n);
  for (let i = 0; i < n; i++) logClose[i] = Math.log(close[i] ?? Number.NaN);
  const mu = trailingMean(logClose, eventWindows, params.meanWindow);
  const sigmaPre = ewmaSigmaPre(logClose, params.volHalfLife);
  const atr = wilderAtr(high, low, close, params.atrPeriod);
  const hs = params.horizons;
  const hMax = hs[hs.length - 1] ?? 1;
  const ar = hs.map(() => new Float64Array(n).fill(Number.NaN));
  const raw = hs.map(() => new Float64Array(n).fill(Number.NaN));
  const upAtr = hs.map(() => new Float64Array(n).fill(Number.NaN));
  const downAtr = hs.map(() => new Float64Array(n).fill(Number.NaN));
  const tUp = new Int32Array(n).fill(NEVER);
  const tDown = new Int32Array(n).fill(NEVER);
  const H = hs.length;
  for (let i = 0; i < n; i++) {
    const c = close[i] as number;
    const a = atr[i] as number;
    if (!(c > 0)) continue;
    const lci = logClose[i] as number;
    const mui = mu[i] as number;
    for (let k = 0; k < H; k++) {
      const h = hs[k] as number;
      const j = i + h;
      if (j >= n) break;
      const r = (logClose[j] as number) - lci;
      (raw[k] as Float64Array)[i] = r;
      (ar[k] as Float64Array)[i] = r - h * mui;
    }
    // One forward scan gives the running extremes at every horizon and both first-touch times.
    let hi = Number.NEGATIVE_INFINITY;
    let lo = Number.POSITIVE_INFINITY;
    let k = 0;
    let next = hs[0] as number;
    const upLevel = c + a;
    const downLevel = c - a;
    let up = NEVER;
    let down = NEVER;
    const last = Math.min(n - 1, i + hMax);
    for (let j = i + 1; j <= last; j++) {
      const h = high[j] as number;
      const l = low[j] as number;
      if (h > hi) hi = h;
      if (l < lo) lo = l;
      if (up === NEVER && h >= upLevel) up = j - i;
      if (down === NEVER && l <= downLevel) down = j - i;
      if (j - i === next) {
        (upAtr[k] as Float64Array)[i] = (hi - c) / a;
        (downAtr[k] as Float64Array)[i] = (c - lo) / a;
        k++;
        next = k < H ? (hs[k] as number) : -1;
      }
    }
    tUp[i] = up;
    tDown[i] = down;
  }
  const { cell, cells } = matchingCells(input, sigmaPre, atr);
  return { n, logClose, mu, sigmaPre, atr, ar, raw, upAtr, downAtr, tUp, tDown, cell, cells };
}

function trailingMean(logClose: Float64Array, excluded: Uint8Array, window: number): Float64Array {
  const n = logClose.length;
  const sum = new Float64Array(n + 1);
  const cnt = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const r = i > 0 ? (logClose[i] ?? Number.NaN) - (logClose[i - 1] ?? Number.NaN) : Number.NaN;
    const ok = Number.isFinite(r) && !excluded[i];
    sum[i + 1] = (sum[i] ?? 0) + (ok ? r : 0);
    cnt[i + 1] = (cnt[i] ?? 0) + (ok ? 1 : 0);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i + 1 - window);
    const c = (cnt[i + 1] ?? 0) - (cnt[a] ?? 0);
    out[i] = c > 0 ? ((sum[i + 1] ?? 0) - (sum[a] ?? 0)) / c : 0;
  }
  return out;
}

function ewmaSigmaPre(logClose: Float64Array, halfLife: number): Float64Array {
  const n = logClose.length;
  const alpha = 1 - Math.exp(-Math.LN2 / halfLife);
  const out = new Float64Array(n).fill(Number.NaN);
  let v = 0;
  let seen = 0;
  for (let i = 1; i < n; i++) {
    // σ̂ at bar i uses returns up to i−1 only.
    if (seen >= Math.min(halfLife, 20)) out[i] = Math.sqrt(v);
    const r = (logClose[i] ?? Number.NaN) - (logClose[i - 1] ?? Number.NaN);
    if (!Number.isFinite(r)) continue;
    v = seen === 0 ? r * r : (1 - alpha) * v + alpha * r * r;
    seen++;
  }
  return out;
}

function wilderAtr(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const n = close.length;
  const out = new Float64Array(n).fill(Number.NaN);
  let atr = 0;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i] ?? Number.NaN;
    const l = low[i] ?? Number.NaN;
    const pc = i > 0 ? (close[i - 1] ?? Number.NaN) : Number.NaN;
    let tr = h - l;
    if (Number.isFinite(pc)) tr = Math.max(tr, Math.abs(h - pc), Math.abs(l - pc));
    if (!Number.isFinite(tr)) continue;
    seen++;
    atr = seen <= period ? atr + (tr - atr) / seen : atr + (tr - atr) / period;
    if (seen >= period) out[i] = atr;
  }
  return out;
}

function matchingCells(input: StudyInput, sigma: Float64Array, atr: Float64Array) {
  const n = sigma.length;
  const valid: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(sigma[i]) && (atr[i] ?? 0) > 0) valid.push(sigma[i] ?? 0);
  valid.sort((a, b) => a - b);
  const t1 = valid[Math.floor(valid.length / 3)] ?? 0;
  const t2 = valid[Math.floor((2 * valid.length) / 3)] ?? 0;
  // Hour buckets only make sense below a day; daily bars share one bucket.
  const hours = input.step < 86400 ? 24 : 1;
  const cell = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const s = sigma[i] ?? Number.NaN;
    if (!Number.isFinite(s) || !((atr[i] ?? 0) > 0)) continue;
    const closeTime = input.start + (i + 1) * input.step;
    const hour = hours === 1 ? 0 : Math.floor((((closeTime % 86400) + 86400) % 86400) / 3600);
    const tercile = s < t1 ? 0 : s < t2 ? 1 : 2;
    cell[i] = hour * 3 + tercile;
  }
  return { cell, cells: hours * 3 };
}
