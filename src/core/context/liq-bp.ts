/**
 * Liquidations relative to open interest: a bar's liquidated USD ÷ the open interest (USD, summed over the same
 * contract filter) at the bar's open, in basis points (× 10,000). Missing open interest is a gap, never zero: a
 * bar without it has no bp value (NaN), and the bp score does not rank it.
 */
import type { LiqSeries } from '../series';
import { isoUtc } from '../time';
import type { LevelSeries } from './aggregate';

/** What spike detection scores: liquidated USD, or liquidated USD in basis points of open interest. */
export type ScoreBasis = 'usd' | 'bpOfOi';

/** Every score basis, in the order Settings offers them. */
export const SCORE_BASES: readonly ScoreBasis[] = ['usd', 'bpOfOi'];

/** True for a known score basis. */
export function isScoreBasis(v: unknown): v is ScoreBasis {
  return v === 'usd' || v === 'bpOfOi';
}

/** Basis points per unit. */
const BP = 1e4;

/**
 * Units of the value the spike engine scores per basis point of open interest. The engine takes ln(1 + x), and
 * for USD the "+1" is one dollar, negligible beside any real bar; in these units it is 10⁻⁶ bp, i.e. one dollar of
 * liquidations against $10B of open interest, so the log is as close to ln(x) as it is for USD. Every statistic
 * the engine draws from x (robust z of the log, empirical p, the GPD tail p, Hawkes-lite p_bg, the jump ratio) is
 * unchanged by a constant factor, so only the size of that "+1" depends on this choice.
 */
export const SCORE_UNITS_PER_BP = 1e6;

/** `usd` ÷ `oi` × 10,000; NaN when either is unknown or the open interest is not positive. */
export function bpOfOi(usd: number, oi: number): number {
  return oi > 0 && Number.isFinite(usd) ? (usd / oi) * BP : Number.NaN;
}

/**
 * The opens of a summed open-interest series (buckets of `s.step` seconds) that the bp score may divide by: where
 * at least as many contracts report as reported at any bucket of the day before. A contract that skipped a bucket
 * (an exchange's feed, or the newest bucket fetched for some contracts and not yet for others) would leave the sum
 * too small and the bp too large, a false spike; such a bucket is a gap (NaN) instead. When a contract stops
 * reporting for good, the day after is a gap, then the smaller count is the norm. O(n) (a monotone deque).
 */
export function completeOpens(s: Pick<LevelSeries, 'step' | 'open' | 'count'>): Float64Array {
  const n = s.open.length;
  const lookback = Math.max(1, Math.round(86400 / s.step));
  const out = new Float64Array(n);
  const deque = new Int32Array(n); // indexes of buckets with decreasing counts
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    while (head < tail && (deque[head] ?? 0) < i - lookback) head++;
    const before = head < tail ? (s.count[deque[head] ?? 0] ?? 0) : 0;
    const c = s.count[i] ?? 0;
    out[i] = c > 0 && c >= before ? (s.open[i] ?? Number.NaN) : Number.NaN;
    while (head < tail && (s.count[deque[tail - 1] ?? 0] ?? 0) <= c) tail--;
    deque[tail++] = i;
  }
  return out;
}

/** Which liquidations of a bar: longs, shorts or both. */
export type LiqSide = 'long' | 'short' | 'total';

/** A bar's liquidated USD on `side`; NaN where the bar is a gap. */
export function liqUsd(liq: LiqSeries, side: LiqSide, i: number): number {
  if (liq.covered[i] !== 1) return Number.NaN;
  const l = liq.long[i] ?? 0;
  const s = liq.short[i] ?? 0;
  return side === 'long' ? l : side === 'short' ? s : l + s;
}

/**
 * Per bar, liquidations on `side` in bp of `oiOpen` (open interest at each bar's open, same length as the series):
 * NaN where the bar is a gap in liquidations or the open interest is missing.
 */
export function liqBpOfOi(liq: LiqSeries, oiOpen: ArrayLike<number>, side: LiqSide): Float64Array {
  const n = liq.long.length;
  if (oiOpen.length !== n) throw new RangeError(`open interest has ${oiOpen.length} bars, liquidations ${n}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = bpOfOi(liqUsd(liq, side, i), oiOpen[i] ?? Number.NaN);
  return out;
}

/**
 * The value the spike engine scores for bar `i`: USD, or bp of open interest in `SCORE_UNITS_PER_BP`; NaN where
 * the bar is a gap, and under `bpOfOi` also where `oiOpen` is missing (absent: every bar).
 */
export function scoreValue(
  liq: LiqSeries,
  side: LiqSide,
  i: number,
  basis: ScoreBasis,
  oiOpen: ArrayLike<number> | undefined,
): number {
  return scoreOfUsd(liqUsd(liq, side, i), i, basis, oiOpen);
}

/** `scoreValue` from the bar's USD already read (the engine reads each bar's sides once for every series). */
export function scoreOfUsd(
  usd: number,
  i: number,
  basis: ScoreBasis,
  oiOpen: ArrayLike<number> | undefined,
): number {
  if (basis === 'usd') return usd;
  return bpOfOi(usd, oiOpen?.[i] ?? Number.NaN) * SCORE_UNITS_PER_BP;
}

/**
 * Basis points for people, without Intl (the text must not depend on the locale): three significant figures
 * below 100 ("12.3 bp", "0.512 bp"), whole numbers above, grouped by thousands ("1,230 bp"); "–" when unknown.
 */
export function formatBp(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (Math.abs(v) < 100) return `${v.toPrecision(3)} bp`;
  return `${Math.round(v)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bp`;
}

/**
 * The first index where two open-interest series differ (NaN equals NaN), or the shorter length when one is a
 * prefix of the other: from there a score built on them must be recomputed.
 */
export function firstOiDifference(
  a: ArrayLike<number> | undefined,
  b: ArrayLike<number> | undefined,
): number {
  if (a === undefined && b === undefined) return Number.POSITIVE_INFINITY;
  if (a === undefined || b === undefined) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return i;
  return n;
}

/**
 * What the chart should say about a bp-of-OI score on a frame of `n` bars from `start`: nothing when every
 * covered bar has open interest, else that none is stored (nothing scored) or from when it is (earlier bars are
 * not scored). Gaps inside the open interest are not listed: those bars are gaps in the score, as gaps are.
 */
export function bpScoreNotice(liq: LiqSeries, oiOpen: ArrayLike<number>): string | null {
  const n = liq.long.length;
  let firstLiq = -1;
  let firstOi = -1;
  for (let i = 0; i < n && firstOi < 0; i++) {
    if (firstLiq < 0 && liq.covered[i] === 1) firstLiq = i;
    if ((oiOpen[i] ?? Number.NaN) > 0) firstOi = i;
  }
  if (firstLiq < 0) return null;
  if (firstOi < 0)
    return 'Spikes are scored in bp of open interest, but no open interest is stored for these contracts here: no bar is scored.';
  if (firstOi <= firstLiq) return null;
  const when = isoUtc(liq.start + firstOi * liq.step)
    .replace('T', ' ')
    .replace(/:00Z$/, ' UTC');
  return `Spikes are scored in bp of open interest, which begins ${when}: earlier bars are not scored.`;
}
