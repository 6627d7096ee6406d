/** Splicing a re-read tail onto the cached bars before it, and finding the first bar two frames disagree on. */
import type { BarFrame, LiqSeries } from '../../core/series';
import { emptyCandles, emptyLiq } from '../../core/series';
import type { StitchedFrame } from '../../core/stitch';
import { type UnixSeconds, unixSeconds } from '../../core/time';
import type { FramePlan } from './frame-plan';

/**
 * The frame of `plan` made of `prev`'s bars before `since` and `tail` (a read from `since`) after it. Bars between
 * `since` and the tail's first bar stay gaps, as a full stitch leaves them.
 */
export function spliceFrames(
  prev: StitchedFrame,
  tail: StitchedFrame,
  since: number,
  plan: FramePlan,
): StitchedFrame {
  const step = plan.target;
  const start = unixSeconds(plan.start);
  const n = Math.round((plan.end - plan.start) / step);
  const k = Math.round((since - plan.start) / step);
  const t = tail.frame;
  const tn = t.liq.long.length;
  const offset = Math.round((t.start - plan.start) / step);
  if (k > 0 && prev.frame.start !== start)
    throw new Error('splice: cached frame does not start at the plan start');
  if (tn === 0 || t.start < since || offset + tn !== n)
    throw new Error(
      `splice: tail [${t.start}, +${tn}×${step}) does not end the frame [${since}, ${plan.end})`,
    );
  const p = prev.frame;
  const liq = spliceLiq(p.liq, t.liq, start, n, k, offset);
  const candles = emptyCandles(start, step, n);
  for (const f of ['open', 'high', 'low', 'close', 'volume'] as const) {
    candles[f].set(p.candles[f].subarray(0, k));
    candles[f].set(t.candles[f], offset);
  }
  const exchanges = plan.exchanges?.codes.map((exchange, e) => {
    const before = p.exchanges?.[e];
    const after = t.exchanges?.[e];
    if (before?.exchange !== exchange || after?.exchange !== exchange)
      throw new Error(`splice: ${exchange} is missing from the cached frame or the tail`);
    return { exchange, liq: spliceLiq(before.liq, after.liq, start, n, k, offset) };
  });
  const kept = (from: number | null) => from !== null && from < since;
  return {
    frame: { start, step, liq, candles, ...(exchanges ? { exchanges } : {}) },
    historyStart: kept(prev.historyStart) ? prev.historyStart : tail.historyStart,
    sourceStarts: plan.sources.map(({ interval }) => {
      const before = prev.sourceStarts.find((s) => s.label === interval)?.from ?? null;
      const after = tail.sourceStarts.find((s) => s.label === interval)?.from ?? null;
      return { label: interval, from: kept(before) ? before : after };
    }),
  };
}

/** `prev`'s first `k` bars, then `tail` from bar `offset`, in a new series of `n` bars. */
function spliceLiq(
  prev: LiqSeries,
  tail: LiqSeries,
  start: UnixSeconds,
  n: number,
  k: number,
  offset: number,
): LiqSeries {
  const liq = emptyLiq(start, tail.step, n);
  liq.long.set(prev.long.subarray(0, k));
  liq.short.set(prev.short.subarray(0, k));
  liq.covered.set(prev.covered.subarray(0, k));
  liq.long.set(tail.long, offset);
  liq.short.set(tail.short, offset);
  liq.covered.set(tail.covered, offset);
  return liq;
}

function sameAt(a: ArrayLike<number>, b: ArrayLike<number>, i: number): boolean {
  return Object.is(a[i], b[i]);
}

/**
 * Index of the first bar at or after time `from` whose values differ between two frames (bars before `from` are
 * known to be equal); the shorter length when none does, and 0 when the frames do not share a grid.
 */
export function firstRevisedBar(prev: BarFrame, next: BarFrame, from: number): number {
  const n0 = prev.liq.long.length;
  const n1 = next.liq.long.length;
  if (n0 === 0 || prev.start !== next.start || prev.step !== next.step) return 0;
  const m = Math.min(n0, n1);
  const i0 = Number.isFinite(from) ? Math.max(0, Math.round((from - next.start) / next.step)) : 0;
  const a = prev.liq;
  const b = next.liq;
  const c = prev.candles;
  const d = next.candles;
  for (let i = i0; i < m; i++) {
    if (
      !sameAt(a.long, b.long, i) ||
      !sameAt(a.short, b.short, i) ||
      !sameAt(a.covered, b.covered, i) ||
      !sameAt(c.open, d.open, i) ||
      !sameAt(c.high, d.high, i) ||
      !sameAt(c.low, d.low, i) ||
      !sameAt(c.close, d.close, i) ||
      !sameAt(c.volume, d.volume, i)
    )
      return i;
  }
  return m;
}
