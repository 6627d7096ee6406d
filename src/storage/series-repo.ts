/**
 * Reading and writing series as columnar chunks. Every write of a fetched range is one transaction that sets the
 * whole range (omitted buckets become 0) and extends coverage, so writing the same range twice changes nothing.
 * Points must already be checked (on the grid, inside the range): one that is not throws and nothing is written.
 */

import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { WireCandle, WireLiq } from '../core/coinalyze';
import { ensure } from '../core/ensure';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';
import { addRange } from '../core/ranges';
import { bucketsOver, type CandleSeries, emptyCandles } from '../core/series';
import { floorTo } from '../core/time';
import { allOrNothing, quiet } from './atomic';
import {
  type ChunkChange,
  GROUP_STORES,
  type GroupChunks,
  groupChunks,
  hasGroups,
  updateGroups,
} from './liq-groups';
import { type CandleChunk, CHUNK_SLOTS, type LiqChunk, type LiqLabDB } from './schema';
import { assertPointsOnGrid } from './write-check';

export { writeCandleRanges, writeCandles } from './candle-write';
export { readLiqSum } from './liq-read';

type WriteStores = ('liqChunks' | 'coverage' | 'liqGroups' | 'liqGroupMembers' | 'markets')[];

/** One liquidation bucket as the API sends it, already in USD. */
export type LiqPoint = WireLiq;

/** One candle as the API sends it. */
export type CandlePoint = WireCandle;

/** Seconds one chunk spans at `interval`. */
export function chunkSpan(interval: BaseInterval): number {
  return BASE_INTERVAL_SECONDS[interval] * CHUNK_SLOTS;
}

/** Chunk start times that overlap [from, to). */
function chunkStarts(interval: BaseInterval, from: number, to: number): number[] {
  const span = chunkSpan(interval);
  const starts: number[] = [];
  for (let s: number = floorTo(from, span); s < to; s += span) starts.push(s);
  return starts;
}

/** What a liquidation write changed. */
export interface LiqWrite {
  /** Buckets whose value changed. */
  changed: number;
  /**
   * Earliest time any stored value may differ (contract or group): `from`, or earlier when a group chunk was
   * recomputed or a contract joined a group. A notice from here is exact (readers need not widen it).
   */
  revisedFrom: number;
  /** The series' coverage after the write. */
  ranges: Array<[number, number]>;
}

/** One contract's part of a liquidation write: `points` over [from, to); buckets in range it omits are zero. */
export interface LiqRangeWrite {
  symbol: string;
  from: number;
  to: number;
  points: readonly LiqPoint[];
}

/**
 * Stores liquidations for `symbol` over the fetched range [from, to): buckets in range that `points` omits are
 * zero.
 */
export async function writeLiqRange(
  db: IDBPDatabase<LiqLabDB>,
  symbol: string,
  interval: BaseInterval,
  from: number,
  to: number,
  points: readonly LiqPoint[],
): Promise<LiqWrite> {
  const [w] = await writeLiqRanges(db, interval, [{ symbol, from, to, points }]);
  return ensure(w, `the write of ${symbol}`);
}

/**
 * Stores several contracts' ranges at `interval` in one transaction, so an answer is stored whole or not at all;
 * the group chunks they share are read and stored once. Returns what each write changed, in order.
 */
export async function writeLiqRanges(
  db: IDBPDatabase<LiqLabDB>,
  interval: BaseInterval,
  writes: readonly LiqRangeWrite[],
): Promise<LiqWrite[]> {
  assertPointsOnGrid(writes, interval);
  const grouped = hasGroups(db);
  const stores = grouped
    ? (['liqChunks', 'coverage', ...GROUP_STORES] as const)
    : (['liqChunks', 'coverage'] as const);
  const tx = db.transaction([...stores], 'readwrite') as IDBPTransaction<LiqLabDB, WriteStores, 'readwrite'>;
  const groups = grouped ? groupChunks(tx) : null;
  return allOrNothing(tx, async () => {
    const out: LiqWrite[] = [];
    for (const w of writes) out.push(await writeLiqIn(tx, groups, interval, w));
    groups?.flush();
    return out;
  });
}

async function writeLiqIn(
  tx: IDBPTransaction<LiqLabDB, WriteStores, 'readwrite'>,
  groups: GroupChunks | null,
  interval: BaseInterval,
  { symbol, from, to, points }: LiqRangeWrite,
): Promise<LiqWrite> {
  const step = BASE_INTERVAL_SECONDS[interval];
  let revisedFrom = from;
  const chunks = tx.objectStore('liqChunks');
  let changed = 0;
  const byStart = new Map<number, { chunk: LiqChunk; before: LiqChunk | null }>();
  for (const start of chunkStarts(interval, from, to)) {
    const existing = await chunks.get([symbol, interval, start]);
    const chunk = existing ?? {
      symbol,
      interval,
      start,
      long: new Float64Array(CHUNK_SLOTS),
      short: new Float64Array(CHUNK_SLOTS),
    };
    byStart.set(start, { chunk, before: null });
  }
  const span = chunkSpan(interval);
  const given = new Map<number, LiqPoint>();
  for (const p of points) given.set(p.t, p);
  // Every bucket in the fetched range gets its final value once: the API's value, or 0 where it sent none.
  for (let t = Math.ceil(from / step) * step; t < to; t += step) {
    const entry = byStart.get(floorTo(t, span));
    if (!entry) continue;
    const { chunk } = entry;
    const i = (t - chunk.start) / step;
    const p = given.get(t);
    const l = p?.l ?? 0;
    const s = p?.s ?? 0;
    if (chunk.long[i] !== l || chunk.short[i] !== s) {
      changed++;
      // Keep the stored state of a chunk the first time it changes, for the group deltas.
      entry.before ??= { ...chunk, long: chunk.long.slice(), short: chunk.short.slice() };
    }
    chunk.long[i] = l;
    chunk.short[i] = s;
  }
  if (groups) {
    const changes: ChunkChange[] = [];
    for (const { chunk, before } of byStart.values())
      if (before) changes.push({ start: chunk.start, before, after: chunk });
    // Before the puts below, so a contract joining a group adds its stored series, not this write twice.
    revisedFrom = Math.min(from, await updateGroups(tx, symbol, interval, changes, groups));
  }
  // Issued before the next contract's group update, whose exact recompute reads the members' chunks.
  for (const { chunk, before } of byStart.values()) if (before) quiet(chunks.put(chunk));
  const cov = tx.objectStore('coverage');
  const key: ['liq', string, BaseInterval] = ['liq', symbol, interval];
  const prev = await cov.get(key);
  const ranges = addRange(prev?.ranges ?? [], [from, to]);
  quiet(cov.put({ kind: 'liq', symbol, interval, ranges }));
  return { changed, revisedFrom, ranges };
}

/** Candles of one market over [from, to); NaN where none is stored. */
export async function readCandles(
  db: IDBPDatabase<LiqLabDB>,
  symbol: string,
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<CandleSeries> {
  const tx = db.transaction('candleChunks');
  const out = await readCandlesWith((key) => tx.store.get(key), symbol, interval, from, to);
  await tx.done;
  return out;
}

/** Candles of one market over [from, to), read through `get` (a store of a transaction the caller holds). */
export async function readCandlesWith(
  get: (key: [string, BaseInterval, number]) => Promise<CandleChunk | undefined>,
  symbol: string,
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<CandleSeries> {
  const step = BASE_INTERVAL_SECONDS[interval];
  const { start, n } = bucketsOver(step, from, to);
  const out = emptyCandles(start, step, n);
  const span = chunkSpan(interval);
  const gets: Promise<CandleChunk | undefined>[] = [];
  // One get per chunk in flight at once streams faster than one large getAll (see docs/storage-design.md).
  for (let t: number = floorTo(start, span); t < to; t += span) gets.push(get([symbol, interval, t]));
  for (const c of await Promise.all(gets)) {
    if (!c) continue;
    const offset = (c.start - start) / step;
    const lo = Math.max(0, -offset);
    const hi = Math.min(CHUNK_SLOTS, n - offset);
    out.open.set(c.open.subarray(lo, hi), offset + lo);
    out.high.set(c.high.subarray(lo, hi), offset + lo);
    out.low.set(c.low.subarray(lo, hi), offset + lo);
    out.close.set(c.close.subarray(lo, hi), offset + lo);
    out.volume.set(c.volume.subarray(lo, hi), offset + lo);
  }
  return out;
}
