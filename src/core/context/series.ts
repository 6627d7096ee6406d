/**
 * Market context series fetched beside liquidations: open interest (USD) and funding (rate and predicted rate).
 * Coinalyze serves each as OHLC buckets of the metric; the fetch plan, storage and aggregation share these names.
 */
import type { BaseInterval } from '../intervals';

/** One context series kind: open interest in USD, the funding rate, the predicted funding rate (both in %). */
export type ContextKind = 'oi' | 'funding' | 'predicted';

/** Every context kind, in fetch order. */
export const CONTEXT_KINDS: readonly ContextKind[] = ['oi', 'funding', 'predicted'];

/** The Coinalyze endpoint of each kind. */
export const CONTEXT_PATHS: Readonly<Record<ContextKind, string>> = {
  oi: '/open-interest-history',
  funding: '/funding-rate-history',
  predicted: '/predicted-funding-rate-history',
};

/** One OHLC bucket of a context metric as the API sends it (OI in USD with convert_to_usd=true; funding in %). */
export interface WireOhlc {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
}

/** One context series the scheduler keeps per contract: a kind at a base interval. */
export interface ContextSeriesSpec {
  kind: ContextKind;
  interval: BaseInterval;
}

/**
 * What is fetched per contract, and why (README "Open interest and funding"): OI at 5min (about 7 days kept by
 * the API, refreshed every 5 minutes so the newest level is never older than one bucket), at 1hour (about 80
 * days, for hourly charts and the bp-of-OI score over the study window) and daily (years); funding and predicted
 * funding hourly (exchanges settle every 1–8 hours, so a finer grid repeats the same value) and daily.
 */
export const CONTEXT_SERIES: readonly ContextSeriesSpec[] = [
  { kind: 'oi', interval: '5min' },
  { kind: 'oi', interval: '1hour' },
  { kind: 'oi', interval: 'daily' },
  { kind: 'funding', interval: '1hour' },
  { kind: 'predicted', interval: '1hour' },
  { kind: 'funding', interval: 'daily' },
  { kind: 'predicted', interval: 'daily' },
];

/** True for a context kind (as opposed to liquidations and candles). */
export function isContextKind(kind: string): kind is ContextKind {
  return kind === 'oi' || kind === 'funding' || kind === 'predicted';
}
