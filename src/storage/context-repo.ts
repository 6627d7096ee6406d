/**
 * Open interest and funding per contract as columnar OHLC chunks. A write sets every bucket of the fetched range
 * (one the answer left out becomes NaN: a gap, never a zero) and extends coverage, in one transaction that, for
 * open interest, also keeps the group sums current; writing the same answer twice changes nothing.
 */
import type { IDBPDatabase } from 'idb';
import type { ContextKind, WireOhlc } from '../core/context/series';
import { ensure } from '../core/ensure';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';
import { addRange } from '../core/ranges';
import { bucketsOver } from '../core/series';
import { floorTo } from '../core/time';
import { allOrNothing, quiet } from './atomic';
import { type OiChunkChange, type OiGroupChunks, oiGroupChunks, updateOiGroups } from './oi-groups';
import {
  CHUNK_SLOTS,
  type ContextStores,
  type ContextWriteTx,
  type LiqLabDB,
  type OhlcChunk,
} from './schema';
import { assertPointsOnGrid } from './write-check';

/** An OHLC chunk with every bucket a gap. */
export function blankOhlc(
  kind: ContextKind,
  symbol: string,
  interval: BaseInterval,
  start: number,
): OhlcChunk {
  const nan = () => new Float64Array(CHUNK_SLOTS).fill(Number.NaN);
  return { kind, symbol, interval, start, open: nan(), high: nan(), low: nan(), close: nan() };
}

function same(a: number | undefined, b: number): boolean {
  return Object.is(a, b);
}

/** One contract's part of a context write: `points` over [from, to); buckets in range it omits become gaps. */
export interface ContextRangeWrite {
  symbol: string;
  from: number;
  to: number;
  points: readonly WireOhlc[];
}

/** What one contract's context write changed. */
export interface ContextWrite {
  /** Buckets whose value changed. */
  changed: number;
  /** The series' coverage after the write. */
  ranges: Array<[number, number]>;
}

/**
 * Stores `kind` of `symbol` over the fetched range [from, to). Points must already be checked (on the grid,
 * inside the range); one that is not throws and nothing is written. Returns how many buckets changed.
 */
export async function writeContextRange(
  db: IDBPDatabase<LiqLabDB>,
  kind: ContextKind,
  symbol: string,
  interval: BaseInterval,
  from: number,
  to: number,
  points: readonly WireOhlc[],
): Promise<number> {
  const [w] = await writeContextRanges(db, kind, interval, [{ symbol, from, to, points }]);
  return ensure(w, `the write of ${kind} ${symbol}`).changed;
}

/**
 * Stores several contracts' `kind` at `interval` in one transaction (an answer is stored whole or not at all);
 * open interest group chunks they share are read and stored once. Returns what each write changed, in order.
 */
export async function writeContextRanges(
  db: IDBPDatabase<LiqLabDB>,
  kind: ContextKind,
  interval: BaseInterval,
  writes: readonly ContextRangeWrite[],
): Promise<ContextWrite[]> {
  assertPointsOnGrid(writes, interval, kind);
  const stores: ContextStores =
    kind === 'oi'
      ? ['ctxChunks', 'ctxCoverage', 'oiGroups', 'oiGroupMembers', 'markets']
      : ['ctxChunks', 'ctxCoverage'];
  const tx = db.transaction(stores, 'readwrite') as ContextWriteTx;
  const groups = kind === 'oi' ? oiGroupChunks(tx) : null;
  return allOrNothing(tx, async () => {
    const out: ContextWrite[] = [];
    for (const w of writes) out.push(await writeContextIn(tx, groups, kind, interval, w));
    groups?.flush();
    return out;
  });
}

async function writeContextIn(
  tx: ContextWriteTx,
  groups: OiGroupChunks | null,
  kind: ContextKind,
  interval: BaseInterval,
  { symbol, from, to, points }: ContextRangeWrite,
): Promise<ContextWrite> {
  const step = BASE_INTERVAL_SECONDS[interval];
  const span = step * CHUNK_SLOTS;
  const given = new Map<number, WireOhlc>();
  for (const p of points) given.set(p.t, p);
  const store = tx.objectStore('ctxChunks');
  const entries = new Map<number, { chunk: OhlcChunk; before: OhlcChunk | null }>();
  for (let s: number = floorTo(from, span); s < to; s += span) {
    const chunk = (await store.get([kind, symbol, interval, s])) ?? blankOhlc(kind, symbol, interval, s);
    entries.set(s, { chunk, before: null });
  }
  let changed = 0;
  for (let t = Math.ceil(from / step) * step; t < to; t += step) {
    const entry = entries.get(floorTo(t, span));
    if (!entry) continue;
    const { chunk } = entry;
    const i = (t - chunk.start) / step;
    const p = given.get(t);
    const v = p ? [p.o, p.h, p.l, p.c] : [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    const [o = Number.NaN, h = Number.NaN, l = Number.NaN, c = Number.NaN] = v;
    if (same(chunk.open[i], o) && same(chunk.high[i], h) && same(chunk.low[i], l) && same(chunk.close[i], c))
      continue;
    changed++;
    entry.before ??= {
      ...chunk,
      open: chunk.open.slice(),
      high: chunk.high.slice(),
      low: chunk.low.slice(),
      close: chunk.close.slice(),
    };
    chunk.open[i] = o;
    chunk.high[i] = h;
    chunk.low[i] = l;
    chunk.close[i] = c;
  }
  if (groups) {
    const changes: OiChunkChange[] = [];
    for (const { chunk, before } of entries.values())
      if (before) changes.push({ start: chunk.start, before, after: chunk });
    // Before the puts below, so a contract joining a group adds its stored series, not this write twice.
    await updateOiGroups(tx, symbol, interval, changes, groups);
  }
  for (const { chunk, before } of entries.values()) if (before) quiet(store.put(chunk));
  const cov = tx.objectStore('ctxCoverage');
  const prev = await cov.get([kind, symbol, interval]);
  const ranges = addRange(prev?.ranges ?? [], [from, to]);
  quiet(cov.put({ kind, symbol, interval, ranges }));
  return { changed, ranges };
}

/** One contract's context series over [from, to): closes (and opens) with NaN outside coverage and in gaps. */
export interface OhlcSeries {
  start: number;
  step: number;
  open: Float64Array;
  close: Float64Array;
}

/** Reads `kind` of `symbol` over [from, to) with concurrent gets (one per chunk). */
export async function readContext(
  db: IDBPDatabase<LiqLabDB>,
  kind: ContextKind,
  symbol: string,
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<OhlcSeries> {
  const tx = db.transaction('ctxChunks');
  const out = await readContextWith((k) => tx.store.get(k), kind, symbol, interval, from, to);
  await tx.done;
  return out;
}

/** Like readContext, through the caller's `get`. */
export async function readContextWith(
  get: (key: [ContextKind, string, BaseInterval, number]) => Promise<OhlcChunk | undefined>,
  kind: ContextKind,
  symbol: string,
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<OhlcSeries> {
  const step = BASE_INTERVAL_SECONDS[interval];
  const { start, n } = bucketsOver(step, from, to);
  const out = {
    start,
    step,
    open: new Float64Array(n).fill(Number.NaN),
    close: new Float64Array(n).fill(Number.NaN),
  };
  const span = step * CHUNK_SLOTS;
  const gets: Promise<OhlcChunk | undefined>[] = [];
  for (let t: number = floorTo(start, span); t < to; t += span) gets.push(get([kind, symbol, interval, t]));
  for (const c of await Promise.all(gets)) {
    if (!c) continue;
    const offset = (c.start - start) / step;
    const lo = Math.max(0, -offset);
    const hi = Math.min(CHUNK_SLOTS, n - offset);
    if (hi <= lo) continue;
    out.open.set(c.open.subarray(lo, hi), offset + lo);
    out.close.set(c.close.subarray(lo, hi), offset + lo);
  }
  return out;
}
