/**
 * What a chart frame is built from, read before any series: the markets the filter keeps, which stored base
 * intervals divide the timeframe, each source's span, and the coverage behind them. Two plans with the same
 * `shape` read their series the same way (same sources, same contracts summed or the same pre-summed group), so
 * a frame can be re-read from any bar onwards and spliced onto the bars before it.
 */
import type { IDBPDatabase } from 'idb';
import { pickReference } from '../../core/assets';
import { ensure } from '../../core/ensure';
import {
  BASE_INTERVAL_SECONDS,
  BASE_INTERVALS,
  type BaseInterval,
  TIMEFRAME_SECONDS,
} from '../../core/intervals';
import { type ContractFilter, filterKey, type Market, marketsOf } from '../../core/market';
import type { Range } from '../../core/ranges';
import { floorTo } from '../../core/time';
import { groupsOf, hasGroups } from '../../storage/liq-groups';
import { type LiqReadPlan, planGroupRead } from '../../storage/liq-read';
import type { Coverage, GroupMembers, LiqLabDB } from '../../storage/schema';
import { chunkSpan } from '../../storage/series-repo';
import type { FrameRequest } from './api';
import { candleSymbols } from './candle-source';

/** One stored base interval that divides the timeframe: read over [from, to), binned bars end at `end`. */
export interface PlannedSource {
  interval: BaseInterval;
  /** Markets whose candles draw the bars, in order of preference (see candle-source.ts). */
  candles: string[];
  /** First bar start (coverage start floored to the timeframe). */
  from: number;
  /** Coverage end. */
  to: number;
  /** End of the last binned bar. */
  end: number;
}

/** How a frame is read. */
export interface FramePlan {
  /** Bar length in seconds. */
  target: number;
  /** Markets the filter keeps. */
  symbols: string[];
  /** Every base interval with liquidation coverage for those markets, finest first. */
  stored: BaseInterval[];
  /** The stored intervals that divide the timeframe, finest first. */
  dividing: BaseInterval[];
  /** The dividing intervals that have covered ranges, finest first. */
  sources: PlannedSource[];
  /** Frame start and end (both 0 when no source has bars). */
  start: number;
  end: number;
  /** Liquidation coverage of each (symbol, interval) the frame reads, keyed `symbol|interval`. */
  coverage: Map<string, readonly Range[]>;
  /** How each dividing interval's liquidations are read (contracts summed or a group), from this snapshot. */
  reads: Map<BaseInterval, LiqReadPlan>;
  /** The per-exchange breakdown's reads, when the request asks for it. */
  exchanges: ExchangeReads | null;
  /**
   * Everything besides coverage ranges that decides how series are read (markets, intervals, group members, the
   * candle markets).
   */
  shape: string;
}

/** The exchanges of a breakdown (those with data in any dividing interval, by code) and how each is read. */
export interface ExchangeReads {
  codes: string[];
  /** Per dividing interval, one read per code (in `codes` order): the exchange's contracts summed, or its group. */
  reads: Map<BaseInterval, LiqReadPlan[]>;
}

/** What every plan is made from: markets, coverage and group members, read together. */
export interface ArchiveSnapshot {
  markets: Market[];
  coverage: Coverage[];
  /** Null when the database has no group stores (schema < 7). */
  groups: GroupMembers[] | null;
}

/**
 * Reads the archive's markets, coverage and group members in one snapshot (a write updates them together). With
 * `markets`, the caller knows the market list has not changed since it read that one, which is kept.
 */
export async function readArchiveSnapshot(
  db: IDBPDatabase<LiqLabDB>,
  markets?: Market[],
): Promise<ArchiveSnapshot> {
  const grouped = hasGroups(db);
  const tx = db.transaction(grouped ? ['markets', 'coverage', 'liqGroupMembers'] : ['markets', 'coverage']);
  const [read, coverage, groups] = await Promise.all([
    markets ?? tx.objectStore('markets').getAll(),
    tx.objectStore('coverage').getAll(),
    grouped ? tx.objectStore('liqGroupMembers').getAll() : Promise.resolve(null),
  ]);
  await tx.done;
  return { markets: read, coverage, groups };
}

/**
 * Plans the frame `request` describes, from `snapshot` when given (several frames planned at one moment share
 * one read), else from a fresh one.
 */
export async function planFrame(
  db: IDBPDatabase<LiqLabDB>,
  request: FrameRequest,
  snapshot?: ArchiveSnapshot,
): Promise<FramePlan> {
  return planFromSnapshot(snapshot ?? (await readArchiveSnapshot(db)), request);
}

/** The markets a filter keeps, their symbols, and the groups they belong to. */
interface FilterMarkets {
  markets: Market[];
  symbols: string[];
  bySymbol: Map<string, Market>;
  names: Set<string>;
}

/** Per market list read, per asset and filter: a list kept between plans (the alert analyzers' three frames, a live session) is filtered once. */
const filtered = new WeakMap<readonly Market[], Map<string, FilterMarkets>>();

function filterMarkets(all: readonly Market[], asset: string, filter: ContractFilter): FilterMarkets {
  let byFilter = filtered.get(all);
  if (!byFilter) {
    byFilter = new Map();
    filtered.set(all, byFilter);
  }
  const key = `${asset}|${filterKey(filter)}`;
  const hit = byFilter.get(key);
  if (hit) return hit;
  const markets = marketsOf(all, asset, filter);
  const out = {
    markets,
    symbols: markets.map((m) => m.symbol),
    bySymbol: new Map(markets.map((m) => [m.symbol, m])),
    names: new Set(markets.flatMap((m) => groupsOf(m))),
  };
  byFilter.set(key, out);
  return out;
}

/** The plan of `request` over what `snapshot` holds (its market list must not change once read). */
export function planFromSnapshot(snapshot: ArchiveSnapshot, request: FrameRequest): FramePlan {
  const target = TIMEFRAME_SECONDS[request.timeframe];
  const { markets: allMarkets, coverage: allCoverage } = snapshot;
  const grouped = snapshot.groups !== null;
  const allGroups = snapshot.groups ?? [];
  const { markets, symbols, bySymbol, names } = filterMarkets(allMarkets, request.asset, request.filter);
  const coverage = allCoverage.filter((c) => c.kind === 'liq' && bySymbol.has(c.symbol));
  const stored = [...new Set(coverage.map((c) => c.interval))].sort(
    (a, b) => BASE_INTERVAL_SECONDS[a] - BASE_INTERVAL_SECONDS[b],
  );
  const dividing = stored.filter((iv) => target % BASE_INTERVAL_SECONDS[iv] === 0);
  const ranges = new Map<string, readonly Range[]>();
  for (const c of coverage)
    if (dividing.includes(c.interval)) ranges.set(`${c.symbol}|${c.interval}`, c.ranges);
  // Where the chosen market has no candles (the market list lacks it), the leader fetches the asset's best one.
  const fallback = pickReference(request.referenceSymbol, request.asset, allMarkets);
  const sources: PlannedSource[] = [];
  for (const interval of dividing) {
    const span = spanOf(coverage, interval);
    if (!span) continue;
    const from = floorTo(span[0], target);
    sources.push({
      interval,
      candles: withLast(
        candleSymbols(request.referenceSymbol, request.filter, markets, allCoverage, interval),
        fallback,
      ),
      from,
      to: span[1],
      end: binnedEnd(from, span[1], interval, target),
    });
  }
  const withBars = sources.filter((s) => s.end > s.from);
  // A read sums the contracts, or takes a group's pre-summed series when its members are exactly the contracts
  // with data: the members of the groups these markets belong to decide which.
  const groups = allGroups.filter((g) => names.has(g.group) && dividing.includes(g.interval));
  const reads = new Map<BaseInterval, LiqReadPlan>();
  for (const interval of dividing) {
    const withData = symbols.filter((s) => ranges.has(`${s}|${interval}`));
    reads.set(interval, {
      withData,
      group: grouped ? planGroupRead(withData, bySymbol, groups, interval) : null,
      ranges: withData.map((s) => ranges.get(`${s}|${interval}`) ?? []),
    });
  }
  const exchanges = request.byExchange
    ? exchangeReads(reads, bySymbol, (withData, interval) =>
        grouped ? planGroupRead(withData, bySymbol, groups, interval) : null,
      )
    : null;
  return {
    target,
    symbols,
    stored,
    dividing,
    sources,
    start: withBars.length > 0 ? Math.min(...withBars.map((s) => s.from)) : 0,
    end: withBars.length > 0 ? Math.max(...withBars.map((s) => s.end)) : 0,
    coverage: ranges,
    reads,
    exchanges,
    // The filter's markets by symbol: what else about a market matters for reading (its groups, its candles)
    // is in the shape on its own, and a full market list would cost a long string on every live refresh.
    shape: JSON.stringify([
      symbols,
      stored,
      [...ranges.keys()].sort(),
      groups,
      sources.map((x) => x.candles),
      exchanges?.codes ?? null,
    ]),
  };
}

/** `list` with `symbol` appended unless it is already in it. */
function withLast(list: string[], symbol: string): string[] {
  return list.includes(symbol) ? list : [...list, symbol];
}

/**
 * Splits each interval's read by exchange: the contracts with data of each exchange, read as that exchange's
 * pre-summed group when they are exactly its members (the usual case), else summed.
 */
function exchangeReads(
  reads: ReadonlyMap<BaseInterval, LiqReadPlan>,
  markets: ReadonlyMap<string, Market>,
  groupOf: (withData: readonly string[], interval: BaseInterval) => string | null,
): ExchangeReads {
  const exchangeOf = (s: string) => ensure(markets.get(s), `market ${s}`).exchange;
  const codes = [...new Set([...reads.values()].flatMap((r) => r.withData.map(exchangeOf)))].sort();
  const out = new Map<BaseInterval, LiqReadPlan[]>();
  for (const [interval, read] of reads)
    out.set(
      interval,
      codes.map((code) => {
        const keep = read.withData.map((s) => exchangeOf(s) === code);
        const withData = read.withData.filter((_, i) => keep[i]);
        return {
          withData,
          group: groupOf(withData, interval),
          ranges: read.ranges.filter((_, i) => keep[i]),
        };
      }),
    );
  return { codes, reads: out };
}

/**
 * Where a read of [from, to) at `interval` binned to `target` ends: the bar after the one holding the last
 * bucket that starts before `to` (as readLiqSum and binLiq lay them out).
 */
function binnedEnd(from: number, to: number, interval: BaseInterval, target: number): number {
  const step = BASE_INTERVAL_SECONDS[interval];
  const buckets = Math.max(0, Math.ceil((to - from) / step));
  if (buckets === 0) return from;
  return from + (Math.floor(((buckets - 1) * step) / target) + 1) * target;
}

function spanOf(
  coverage: ReadonlyArray<{ interval: BaseInterval; ranges: ReadonlyArray<readonly [number, number]> }>,
  interval: BaseInterval,
): readonly [number, number] | null {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const c of coverage) {
    if (c.interval !== interval) continue;
    for (const [a, b] of c.ranges) {
      from = Math.min(from, a);
      to = Math.max(to, b);
    }
  }
  return Number.isFinite(from) ? [from, to] : null;
}

/**
 * The earliest time from which two plans (of the same shape) may read different bars, or +Infinity: where their
 * coverage first differs, widened to the start of the storage chunk there (see `changeStart`), unless `explained`
 * says an exact notice of that series starts at or before it (the notice then says where values changed); or where
 * a source's read range changed (a longer read also shows stored candles that lay past the old end: from there on).
 */
export function coverageChangedFrom(
  a: FramePlan,
  b: FramePlan,
  explained: (key: string, t: number) => boolean = () => false,
): number {
  let first = Number.POSITIVE_INFINITY;
  const at = (t: number, interval: BaseInterval) => {
    first = Math.min(first, changeStart(t, interval));
  };
  for (const s of a.sources) {
    const t = b.sources.find((x) => x.interval === s.interval);
    if (!t) at(s.from, s.interval);
    else if (t.from !== s.from) at(Math.min(s.from, t.from), s.interval);
    // Candles are stored per market, never re-rounded: the bars from the old end on are all that can show more.
    else if (t.to !== s.to) first = Math.min(first, s.to, t.to);
  }
  for (const t of b.sources) if (!a.sources.some((s) => s.interval === t.interval)) at(t.from, t.interval);
  for (const [key, ra] of a.coverage) {
    const d = firstDifference(ra, b.coverage.get(key) ?? []);
    if (Number.isFinite(d) && !explained(key, d)) at(d, intervalOf(key));
  }
  for (const [key, rb] of b.coverage)
    if (!a.coverage.has(key) && rb[0] && !explained(key, rb[0][0])) at(rb[0][0], intervalOf(key));
  return first;
}

/**
 * Where bars may differ after a write at `t` to `interval` (null: unknown interval, assume the coarsest this plan
 * reads). A write can re-round a group's pre-summed values anywhere in the chunk it touches (an exact recompute
 * after cancellation), so the change starts at that chunk's start.
 */
export function changeStart(t: number, interval: BaseInterval | null, plan?: FramePlan): number {
  const span = interval
    ? chunkSpan(interval)
    : Math.max(0, ...(plan?.sources ?? []).map((s) => chunkSpan(s.interval)));
  return span > 0 ? floorTo(t, span) : t;
}

function intervalOf(key: string): BaseInterval {
  const interval = key.slice(key.lastIndexOf('|') + 1);
  if (!(BASE_INTERVALS as readonly string[]).includes(interval)) throw new Error(`bad coverage key ${key}`);
  return interval as BaseInterval;
}

/** The earliest time at which two sorted, disjoint range lists differ (+Infinity when equal). */
export function firstDifference(a: readonly Range[], b: readonly Range[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y) return (x ?? y)?.[0] ?? Number.POSITIVE_INFINITY;
    if (x[0] !== y[0]) return Math.min(x[0], y[0]);
    if (x[1] !== y[1]) return Math.min(x[1], y[1]);
  }
  return Number.POSITIVE_INFINITY;
}
