/**
 * The times an import accepts: from 2010-01-01 (before any BTC derivative) to one day past now. A single row at
 * t = 0 would otherwise stretch a series' coverage from 1970, and every chart load would allocate tens of
 * millions of empty buckets for it.
 */
import { isoUtc } from '../time';

/** 2010-01-01T00:00:00Z in unix seconds: the earliest time any importer accepts. */
export const EARLIEST_IMPORT_TIME = 1_262_304_000;

/** How far past "now" an imported time may lie (clock skew, a bucket just opened). */
export const FUTURE_SLACK_SECONDS = 86_400;

/** Why unix time `t` is not importable at `nowSec`, or null when it lies in [2010-01-01, now + 1 day]. */
export function timeRangeProblem(t: number, nowSec: number): string | null {
  if (t < EARLIEST_IMPORT_TIME) return `time ${describe(t)} is before 2010-01-01`;
  if (t > nowSec + FUTURE_SLACK_SECONDS) return `time ${describe(t)} is more than a day in the future`;
  return null;
}

function describe(t: number): string {
  // Beyond ±8.64e12 s a Date cannot hold the instant; say the number instead of throwing.
  return Math.abs(t) < 8.64e12 ? isoUtc(Math.floor(t)) : `${t} s`;
}
