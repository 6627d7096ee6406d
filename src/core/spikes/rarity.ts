/** An event's rarity in words: the long-window return period ("1 in ~2,300 hours", "1 in ~40 days"). */
import type { SpikeEvent } from '../events';
import { TIMEFRAME_SECONDS } from '../intervals';

const HOUR = 3600;
const DAY = 86400;
const YEAR = 365.25 * DAY;

/** Two significant figures, grouped in thousands (no Intl: the text must not depend on the locale). */
export function roughNumber(v: number): string {
  if (v < 10) return v.toFixed(1).replace(/\.0$/, '');
  const digits = Math.floor(Math.log10(v)) + 1;
  const unit = 10 ** Math.max(0, digits - 2);
  const r = Math.round(v / unit) * unit;
  return String(r).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A return period of `seconds` in words: hours below two days, days below two years, years beyond. */
export function returnPeriodWords(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'rarer than the tail can say';
  if (seconds < 2 * DAY) return `1 in ~${roughNumber(seconds / HOUR)} hours`;
  if (seconds < 2 * YEAR) return `1 in ~${roughNumber(seconds / DAY)} days`;
  return `1 in ~${roughNumber(seconds / YEAR)} years`;
}

/** Return period in seconds of a per-bar tail p on bars of `step` seconds (NaN when p is not available). */
export function returnPeriodSeconds(p: number, step: number): number {
  return p > 0 ? step / p : p === 0 ? Number.POSITIVE_INFINITY : Number.NaN;
}

/** What `eventRarity` says when the event carries neither a tail p nor the history it was judged over. */
export const RARITY_UNKNOWN = 'rarity n/a';

/** A tail fitted on this much history is not asked about return periods more than this many times longer. */
export const EXTRAPOLATION_LIMIT = 10;

/** Seconds of history the long baseline covered for this event (0 when unknown). */
function spanSeconds(e: SpikeEvent): number {
  return (e.longBars ?? 0) * TIMEFRAME_SECONDS[e.timeframe];
}

/**
 * The event's rarity as a reader sees it: the return period of its rarest bar ("1 in ~40 days"); "rarer than
 * 1 in ~N" beyond EXTRAPOLATION_LIMIT times the history the tail was fitted on (a GPD from 5 days cannot tell
 * one in a century from one in a year); "not rare over N days" when no bar rose above the long window's tail
 * threshold (or there was too little history to fit one).
 */
export function eventRarity(e: SpikeEvent): string {
  const s = returnPeriodSeconds(e.minPTail, TIMEFRAME_SECONDS[e.timeframe]);
  const span = spanSeconds(e);
  if (!Number.isNaN(s)) {
    if (span > 0 && s > EXTRAPOLATION_LIMIT * span)
      return `rarer than ${returnPeriodWords(EXTRAPOLATION_LIMIT * span)}`;
    return returnPeriodWords(s);
  }
  return span > 0 ? `not rare over ${Math.max(1, Math.round(span / DAY))} days` : RARITY_UNKNOWN;
}

/** The rarity with the span it was judged over, for tooltips: "1 in ~40 days (tail of the last 61 days)". */
export function eventRarityWithSpan(e: SpikeEvent): string {
  const s = returnPeriodSeconds(e.minPTail, TIMEFRAME_SECONDS[e.timeframe]);
  if (Number.isNaN(s) || !e.longBars) return eventRarity(e);
  return `${eventRarity(e)} (tail of the last ${Math.max(1, Math.round(spanSeconds(e) / DAY))} days)`;
}
