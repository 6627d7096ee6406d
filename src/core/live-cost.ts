/**
 * What keeping a set of assets Live costs against the 40 calls/min budget: one full refresh of every series (each
 * asset's contracts plus its candle market, at every fetch interval, then open interest and funding), the calls
 * per minute that keeping open interest and funding current takes, and how often each contract's newest minute
 * of liquidations is refreshed once the live budget is shared equally between the assets.
 */
import { CALLS_PER_MINUTE } from './budget';
import { refreshCost } from './coinalyze';
import { contextCost } from './context/cost';
import { CONTEXT_SERIES, type ContextSeriesSpec } from './context/series';
import { FETCH_INTERVALS } from './fetch-plan';

/** Calls per minute the fetch loop spends on refreshing 1-minute liquidations (the rest backfills and fills gaps). */
export const LIVE_CALLS_PER_MIN = 24;
/** Slowest live refresh of a contract, in seconds (the loop's floor: once per 15 minutes). */
const SLOWEST_REFRESH_S = 15 * 60;

/** The cost of keeping assets with `counts` selected contracts (one entry per asset) Live. */
export interface AssetsCost {
  contracts: number;
  /** One full refresh of liquidations and candles. */
  calls: number;
  requests: number;
  /** Minutes of the whole budget that refresh takes. */
  minutes: number;
  /** With open interest and funding. */
  totalCalls: number;
  totalMinutes: number;
  /** Calls per minute keeping open interest and funding current takes. */
  contextPerMin: number;
  /** Per asset: seconds between live refreshes of one contract when liquidations are spread evenly. */
  refreshEverySec: number[];
}

/** What keeping assets with `counts` contracts Live costs (assets with no contract cost nothing). */
export function assetsCost(
  counts: readonly number[],
  intervals: number = FETCH_INTERVALS.length,
  series: readonly ContextSeriesSpec[] = CONTEXT_SERIES,
): AssetsCost {
  const live = counts.filter((n) => n > 0);
  const parts = live.map((n) => refreshCost(n, intervals));
  const contracts = live.reduce((a, n) => a + n, 0);
  const calls = parts.reduce((a, p) => a + p.calls, 0);
  const requests = parts.reduce((a, p) => a + p.requests, 0);
  const ctx = contextCost(contracts, series);
  // The scheduler gives each asset an equal part of the live budget, and each contract at most one call a minute.
  const refreshEverySec = counts.map((n) =>
    n > 0 ? Math.min(SLOWEST_REFRESH_S, Math.max(60, (60 * n * live.length) / LIVE_CALLS_PER_MIN)) : 0,
  );
  return {
    contracts,
    calls,
    requests,
    minutes: calls / CALLS_PER_MINUTE,
    totalCalls: calls + ctx.calls,
    totalMinutes: (calls + ctx.calls) / CALLS_PER_MINUTE,
    contextPerMin: ctx.steadyPerMin,
    refreshEverySec,
  };
}
