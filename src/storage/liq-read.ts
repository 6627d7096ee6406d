/**
 * Reading summed liquidations. When the requested contracts with data are exactly a group's members (All, a
 * margin type, an exchange), the group's pre-summed series is read: one record per chunk instead of one per
 * contract. Any other selection sums the contract chunks.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';
import { bucketsOver, emptyLiq, type LiqSeries } from '../core/series';
import { floorTo } from '../core/time';
import { groupsOf, hasGroups } from './liq-groups';
import { CHUNK_SLOTS, type Coverage, type LiqChunk, type LiqLabDB } from './schema';

type ReadStores = ('liqChunks' | 'coverage' | 'liqGroups' | 'liqGroupMembers' | 'markets')[];
type ReadTx = IDBPTransaction<LiqLabDB, ReadStores, 'readonly'>;

/** The group whose members are exactly `withData`, or null. */
async function matchingGroup(
  tx: ReadTx,
  withData: readonly string[],
  interval: BaseInterval,
): Promise<string | null> {
  if (withData.length === 0) return null;
  const markets = await Promise.all(withData.map((s) => tx.objectStore('markets').get(s)));
  const candidates = new Set(markets.flatMap((m) => groupsOf(m)));
  const want = [...withData].sort().join('\n');
  for (const group of candidates) {
    const meta = await tx.objectStore('liqGroupMembers').get([group, interval]);
    if (meta && meta.members.join('\n') === want) return group;
  }
  return null;
}

function addChunk(out: LiqSeries, c: LiqChunk, n: number, copy: boolean): void {
  const offset = (c.start - out.start) / out.step;
  const lo = Math.max(0, -offset);
  const hi = Math.min(CHUNK_SLOTS, n - offset);
  if (hi <= lo) return;
  if (copy) {
    out.long.set(c.long.subarray(lo, hi), offset + lo);
    out.short.set(c.short.subarray(lo, hi), offset + lo);
    return;
  }
  for (let i = lo; i < hi; i++) {
    out.long[offset + i] = (out.long[offset + i] ?? 0) + (c.long[i] ?? 0);
    out.short[offset + i] = (out.short[offset + i] ?? 0) + (c.short[i] ?? 0);
  }
}

/** Liquidations over [from, to) summed across `symbols`; a bucket counts as covered when any symbol covers it. */
export async function readLiqSum(
  db: IDBPDatabase<LiqLabDB>,
  symbols: readonly string[],
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<LiqSeries> {
  const step = BASE_INTERVAL_SECONDS[interval];
  const { start, n } = bucketsOver(step, from, to);
  const out = emptyLiq(start, step, n);
  const groups = hasGroups(db);
  const stores: ReadStores = groups
    ? ['liqChunks', 'coverage', 'liqGroups', 'liqGroupMembers', 'markets']
    : ['liqChunks', 'coverage'];
  const tx = db.transaction(stores, 'readonly') as ReadTx;
  const covs = await coverageOf(tx, symbols, interval);
  const withData = symbols.filter((_, i) => covs[i] !== undefined);
  const group = groups ? await matchingGroup(tx, withData, interval) : null;
  const span = step * CHUNK_SLOTS;
  const lo = floorTo(start, span);
  // One get per chunk, all in flight at once: Chromium streams these ~4× faster than one getAll of many MB.
  const starts: number[] = [];
  for (let t: number = lo; t < to; t += span) starts.push(t);
  if (group) {
    const store = tx.objectStore('liqGroups');
    const chunks = await Promise.all(starts.map((t) => store.get([group, interval, t])));
    for (const c of chunks) if (c) addChunk(out, c, n, true);
  } else {
    const store = tx.objectStore('liqChunks');
    const perSymbol = withData.map((s) => Promise.all(starts.map((t) => store.get([s, interval, t]))));
    for (const chunks of await Promise.all(perSymbol))
      for (const c of chunks) if (c) addChunk(out, c, n, false);
  }
  for (const cov of covs) markCovered(out, cov, n);
  await tx.done;
  return out;
}

/** Above this many symbols one read of every liquidation coverage record beats one get per symbol. */
const COVERAGE_SCAN_FROM = 24;

/**
 * Coverage of each symbol's series (undefined: nothing stored). A filter like "All contracts" names every listed
 * market, most of them without data, so past a few symbols one range read replaces hundreds of gets.
 */
async function coverageOf(
  tx: ReadTx,
  symbols: readonly string[],
  interval: BaseInterval,
): Promise<Array<Coverage | undefined>> {
  const store = tx.objectStore('coverage');
  if (symbols.length < COVERAGE_SCAN_FROM)
    return Promise.all(symbols.map((s) => store.get(['liq', s, interval])));
  // Arrays sort after strings in IndexedDB keys, so ['liq', []] bounds every ['liq', symbol, interval].
  const all = await store.getAll(IDBKeyRange.bound(['liq'], ['liq', []]));
  const bySymbol = new Map(all.filter((c) => c.interval === interval).map((c) => [c.symbol, c]));
  return symbols.map((s) => bySymbol.get(s));
}

function markCovered(out: LiqSeries, cov: Coverage | undefined, n: number): void {
  for (const [a, b] of cov?.ranges ?? []) {
    const lo = Math.max(0, Math.ceil((a - out.start) / out.step));
    const hi = Math.min(n, Math.ceil((b - out.start) / out.step));
    out.covered.fill(1, lo, Math.max(lo, hi));
  }
}
