/**
 * Live refresh pacing: each contract's 1min tail is refreshed at a rate proportional to its share of recent
 * liquidations, so the aggregate stays fresh even when one pass over all contracts costs more than a minute.
 */
import type { IDBPDatabase } from 'idb';
import type { LiqLabDB } from '../../storage/schema';
import { readLiqSum } from '../../storage/series-repo';

/** Slowest refresh of any contract: once per this many minutes. */
const FLOOR_PER_MIN = 1 / 15;

/** Refresh period in ms per symbol for a live budget of `callsPerMin`, from shares that sum to 1. */
export function livePeriods(shares: ReadonlyMap<string, number>, callsPerMin: number): Map<string, number> {
  const rates = new Map<string, number>();
  let total = 0;
  for (const [symbol, share] of shares) {
    const r = Math.min(1, Math.max(FLOOR_PER_MIN, callsPerMin * share));
    rates.set(symbol, r);
    total += r;
  }
  const scale = total > callsPerMin && total > 0 ? callsPerMin / total : 1;
  const out = new Map<string, number>();
  for (const [symbol, r] of rates) out.set(symbol, 60_000 / Math.max(1e-6, r * scale));
  return out;
}

/** Each symbol's share of liquidations over the last day (hourly data); equal shares when nothing is stored. */
export async function recentShares(
  db: IDBPDatabase<LiqLabDB>,
  symbols: readonly string[],
  nowSec: number,
): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  let sum = 0;
  for (const s of symbols) {
    const liq = await readLiqSum(db, [s], '1hour', nowSec - 86400, nowSec);
    let v = 0;
    for (let i = 0; i < liq.long.length; i++) v += (liq.long[i] ?? 0) + (liq.short[i] ?? 0);
    totals.set(s, v);
    sum += v;
  }
  const out = new Map<string, number>();
  for (const s of symbols) out.set(s, sum > 0 ? (totals.get(s) ?? 0) / sum : 1 / Math.max(1, symbols.length));
  return out;
}
