/**
 * Reading summed liquidations. When the requested contracts with data are exactly a group's members (All, a
 * margin type, an exchange), the group's pre-summed series is read: one record per chunk instead of one per
 * contract. Any other selection sums the contract chunks.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';
import type { Market } from '../core/market';
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

/**
 * How one interval's liquidations are read for a set of contracts: the contracts with data summed, or, when they
 * are exactly a group's members, that group's pre-summed series; `ranges` marks the covered buckets.
 */
export interface LiqReadPlan {
  withData: readonly string[];
  group: string | null;
  ranges: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

/** The group (if any) whose members are exactly `withData`, from members and markets already read. */
export function planGroupRead(
  withData: readonly string[],
  markets: ReadonlyMap<string, Pick<Market, 'margined' | 'exchange' | 'baseAsset'>>,
  members: ReadonlyArray<{ group: string; interval: BaseInterval; members: readonly string[] }>,
  interval: BaseInterval,
): string | null {
  if (withData.length === 0) return null;
  const candidates = new Set(withData.flatMap((s) => groupsOf(markets.get(s))));
  const want = [...withData].sort().join('\n');
  const hit = members.find(
    (g) => g.interval === interval && candidates.has(g.group) && g.members.join('\n') === want,
  );
  return hit?.group ?? null;
}

/** Liquidations over [from, to) summed across `symbols`; a bucket counts as covered when any symbol covers it. */
export async function readLiqSum(
  db: IDBPDatabase<LiqLabDB>,
  symbols: readonly string[],
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<LiqSeries> {
  const groups = hasGroups(db);
  const stores: ReadStores = groups
    ? ['liqChunks', 'coverage', 'liqGroups', 'liqGroupMembers', 'markets']
    : ['liqChunks', 'coverage'];
  const tx = db.transaction(stores, 'readonly') as ReadTx;
  const covs = await coverageOf(tx, symbols, interval);
  const withData = symbols.filter((_, i) => covs[i] !== undefined);
  const group = groups ? await matchingGroup(tx, withData, interval) : null;
  const ranges = covs.flatMap((c) => (c ? [c.ranges] : []));
  const gets: LiqChunkGets = {
    liq: (key) => tx.objectStore('liqChunks').get(key),
    group: (key) => tx.objectStore('liqGroups').get(key),
  };
  const out = await readLiqPlanned(gets, { withData, group, ranges }, interval, from, to);
  await tx.done;
  return out;
}

/** Gets of liquidation chunks by key, from whatever transaction the caller holds. */
export interface LiqChunkGets {
  liq: (key: [string, BaseInterval, number]) => Promise<LiqChunk | undefined>;
  group: (key: [string, BaseInterval, number]) => Promise<LiqChunk | undefined>;
}

/**
 * Liquidations over [from, to) read the way `plan` says, without looking up coverage, markets or groups again (a
 * frame plan has them already: a live update then reads only the chunks it needs).
 */
export async function readLiqPlanned(
  gets: LiqChunkGets,
  plan: LiqReadPlan,
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<LiqSeries> {
  const step = BASE_INTERVAL_SECONDS[interval];
  const { start, n } = bucketsOver(step, from, to);
  const out = emptyLiq(start, step, n);
  const span = step * CHUNK_SLOTS;
  const lo = floorTo(start, span);
  // One get per chunk, all in flight at once: Chromium streams these ~4× faster than one getAll of many MB.
  const starts: number[] = [];
  for (let t: number = lo; t < to; t += span) starts.push(t);
  const { group } = plan;
  if (group !== null) {
    const chunks = await Promise.all(starts.map((t) => gets.group([group, interval, t])));
    for (const c of chunks) if (c) addChunk(out, c, n, true);
  } else {
    const perSymbol = plan.withData.map((s) => Promise.all(starts.map((t) => gets.liq([s, interval, t]))));
    for (const chunks of await Promise.all(perSymbol))
      for (const c of chunks) if (c) addChunk(out, c, n, false);
  }
  for (const r of plan.ranges) markCovered(out, r, n);
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

function markCovered(out: LiqSeries, ranges: ReadonlyArray<readonly [number, number]>, n: number): void {
  for (const [a, b] of ranges) {
    const lo = Math.max(0, Math.ceil((a - out.start) / out.step));
    const hi = Math.min(n, Math.ceil((b - out.start) / out.step));
    out.covered.fill(1, lo, Math.max(lo, hi));
  }
}
