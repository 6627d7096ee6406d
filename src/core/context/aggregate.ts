/**
 * Aggregating context series over a contract filter, and putting them on a chart's bar grid. Open interest is
 * summed in USD over the contracts that report a value (with the count of them, so a contract dropping out is
 * not read as open interest falling); funding is weighted by each contract's open interest. Missing stays NaN.
 */

/** A level series on a grid: opens and closes, NaN in gaps; `count` = contracts summed into each bucket. */
export interface LevelSeries {
  start: number;
  step: number;
  open: Float64Array;
  close: Float64Array;
  count: Uint16Array;
}

/** Per-bucket sum of the finite values of `cols` (all the same length) and how many there were; NaN where none. */
export function sumFinite(
  cols: readonly Float64Array[],
  n: number,
): { sum: Float64Array; count: Uint16Array } {
  const sum = new Float64Array(n);
  const count = new Uint16Array(n);
  for (const col of cols)
    for (let i = 0; i < n; i++) {
      const v = col[i] ?? Number.NaN;
      if (Number.isNaN(v)) continue;
      sum[i] = (sum[i] ?? 0) + v;
      count[i] = (count[i] ?? 0) + 1;
    }
  for (let i = 0; i < n; i++) if (count[i] === 0) sum[i] = Number.NaN;
  return { sum, count };
}

/**
 * Σ valueᵢ·weightᵢ / Σ weightᵢ per bucket over the contracts where both are known and the weight is positive
 * (funding weighted by open interest); NaN where no contract qualifies.
 */
export function weightedMean(
  values: readonly Float64Array[],
  weights: readonly Float64Array[],
  n: number,
): Float64Array {
  if (values.length !== weights.length) throw new RangeError('one weight series per value series');
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  values.forEach((v, k) => {
    const w = weights[k];
    if (!w) return;
    for (let i = 0; i < n; i++) {
      const x = v[i] ?? Number.NaN;
      const y = w[i] ?? Number.NaN;
      if (!Number.isFinite(x) || !(y > 0)) continue;
      num[i] = (num[i] ?? 0) + x * y;
      den[i] = (den[i] ?? 0) + y;
    }
  });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = den[i] ?? 0;
    out[i] = d > 0 ? (num[i] ?? 0) / d : Number.NaN;
  }
  return out;
}

/**
 * Change of the close from one bar to the next; NaN where either is missing or the number of contracts summed
 * differs (a contract joining or dropping out is not a change in open interest).
 */
export function levelChange(s: Pick<LevelSeries, 'close' | 'count'>): Float64Array {
  const n = s.close.length;
  const out = new Float64Array(n).fill(Number.NaN);
  for (let i = 1; i < n; i++) {
    const a = s.close[i - 1] ?? Number.NaN;
    const b = s.close[i] ?? Number.NaN;
    if (s.count[i] === s.count[i - 1] && Number.isFinite(a) && Number.isFinite(b)) out[i] = b - a;
  }
  return out;
}

/**
 * `src` on the bar grid (start, step, n), without looking ahead: a coarser bar opens at its first bucket's open
 * and closes at its last bucket's close; a finer bar inside a bucket shows the level known at the bucket's start
 * (its open) until its last bar, which closes at the bucket's close. Bars outside `src` are NaN.
 */
export function resampleLevel(src: LevelSeries, start: number, step: number, n: number): LevelSeries {
  const out: LevelSeries = {
    start,
    step,
    open: new Float64Array(n).fill(Number.NaN),
    close: new Float64Array(n).fill(Number.NaN),
    count: new Uint16Array(n),
  };
  const at = (t: number) => {
    const k = Math.floor((t - src.start) / src.step);
    return k >= 0 && k < src.close.length ? k : -1;
  };
  for (let i = 0; i < n; i++) {
    const t = start + i * step;
    const first = at(t);
    const last = at(t + step - 1);
    if (first < 0 || last < 0) continue;
    const lastEnds = src.start + (last + 1) * src.step === t + step;
    out.open[i] = src.open[first] ?? Number.NaN;
    out.close[i] = lastEnds ? (src.close[last] ?? Number.NaN) : (src.open[last] ?? Number.NaN);
    out.count[i] = src.count[last] ?? 0;
  }
  return out;
}
