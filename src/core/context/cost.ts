/** What keeping open interest and funding fetched costs against the 40 calls/min budget. */
import { MAX_SYMBOLS_PER_REQUEST } from '../budget';
import { refreshPeriod } from '../fetch-plan';
import type { ContextSeriesSpec } from './series';

/**
 * One full refresh of every context series for `contracts` (calls and requests), and the calls per minute that
 * keeping their newest buckets current costs once they are filled (each series once per refresh period).
 */
export function contextCost(
  contracts: number,
  series: readonly ContextSeriesSpec[],
): { calls: number; requests: number; steadyPerMin: number } {
  const calls = contracts * series.length;
  const requests = Math.ceil(contracts / MAX_SYMBOLS_PER_REQUEST) * series.length;
  const perSec = series.reduce((a, s) => a + 1 / refreshPeriod(s.kind, s.interval), 0);
  return { calls, requests, steadyPerMin: contracts * perSec * 60 };
}
