/**
 * Diff and commit of an import batch. The commit is ONE readwrite transaction over every store it touches:
 * any failure (quota, a bug, an abort) rolls the whole import back, so stored data is never half-written.
 */
import type { IDBPDatabase } from 'idb';
import type { ImportBatch, SeriesBatch } from '../../../core/csv/batch';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../../../core/intervals';
import { addRange } from '../../../core/ranges';
import { floorTo } from '../../../core/time';
import { type ChunkChange, type GroupTx, hasGroups, updateGroups } from '../../../storage/liq-groups';
import {
  type CandleChunk,
  CHUNK_SLOTS,
  CONTEXT_STORES,
  type ContextWriteTx,
  hasContextStores,
  type LiqChunk,
  type LiqLabDB,
  type SeriesStores,
  type SeriesWriteTx,
} from '../../../storage/schema';
import { applyContextSeries, isContextBatch } from './apply-context';
import { chunkChanged, countDiff, loadChunks, placePoints, settle } from './apply-diff';

/** What an import changes (or changed). */
export interface ImportDiff {
  /** Buckets that were outside stored coverage. */
  newPoints: number;
  /** Covered buckets whose stored value differs from the file's. */
  overwritten: number;
  unchanged: number;
}

const BASE_STORES: SeriesStores = ['liqChunks', 'candleChunks', 'coverage', 'markets'];

function newChunk(
  kind: 'liq' | 'candle',
  symbol: string,
  interval: BaseInterval,
  start: number,
): LiqChunk | CandleChunk {
  const z = () => new Float64Array(CHUNK_SLOTS);
  const nan = () => new Float64Array(CHUNK_SLOTS).fill(Number.NaN);
  return kind === 'liq'
    ? { symbol, interval, start, long: z(), short: z() }
    : { symbol, interval, start, open: nan(), high: nan(), low: nan(), close: nan(), volume: nan() };
}

function liqCols(cols: Float64Array[]): { long: Float64Array; short: Float64Array } {
  return { long: cols[0] ?? new Float64Array(CHUNK_SLOTS), short: cols[1] ?? new Float64Array(CHUNK_SLOTS) };
}

function columns(c: LiqChunk | CandleChunk): Float64Array[] {
  return 'long' in c ? [c.long, c.short] : [c.open, c.high, c.low, c.close, c.volume];
}

/** A batch series of liquidations or candles. */
type StoredSeriesBatch = SeriesBatch & { kind: 'liq' | 'candle' };

function isStoredBatch(s: SeriesBatch): s is StoredSeriesBatch {
  return s.kind === 'liq' || s.kind === 'candle';
}

async function applySeries(
  tx: SeriesWriteTx,
  s: StoredSeriesBatch,
  write: boolean,
  diff: ImportDiff,
): Promise<void> {
  const step = BASE_INTERVAL_SECONDS[s.interval];
  const span = step * CHUNK_SLOTS;
  const liqStore = tx.objectStore('liqChunks');
  const candleStore = tx.objectStore('candleChunks');
  const get = (start: number) =>
    s.kind === 'liq'
      ? liqStore.get([s.symbol, s.interval, start])
      : candleStore.get([s.symbol, s.interval, start]);
  const cov = await tx.objectStore('coverage').get([s.kind, s.symbol, s.interval]);
  const old = cov?.ranges ?? [];
  const read = async (start: number) => (await get(start)) ?? newChunk(s.kind, s.symbol, s.interval, start);
  const chunks = await loadChunks(s.ranges, span, read, columns);
  // Liquidation ranges are written whole (missing bucket = 0); candle buckets only where the file has one.
  if (s.kind === 'liq')
    for (const [a, b] of s.ranges)
      for (let t = a; t < b; t += step) {
        const c = chunks.get(floorTo(t, span));
        const i = (t - floorTo(t, span)) / step;
        if (c) for (const col of c.after) col[i] = 0;
      }
  placePoints(s, step, span, chunks);
  countDiff(s.ranges, old, step, span, chunks, diff);
  if (!write) return;
  if (s.kind === 'liq' && hasGroups(tx.db)) {
    const changes: ChunkChange[] = [];
    for (const [start, c] of chunks)
      if (chunkChanged(c)) changes.push({ start, before: liqCols(c.before), after: liqCols(c.after) });
    // Before the chunk puts below: a contract joining a group adds its stored series first.
    await updateGroups(tx as unknown as GroupTx, s.symbol, s.interval, changes);
  }
  for (const c of chunks.values())
    if (chunkChanged(c)) {
      if ('long' in c.rec) settle(liqStore.put(c.rec));
      else settle(candleStore.put(c.rec));
    }
  let ranges = old.map(([a, b]) => [a, b] as [number, number]);
  for (const r of s.ranges) ranges = addRange(ranges, r);
  settle(tx.objectStore('coverage').put({ kind: s.kind, symbol: s.symbol, interval: s.interval, ranges }));
}

/**
 * Computes the diff of `batch` against the store; with `write`, also writes it in the same single transaction.
 * `beforeDone` runs inside the transaction just before it completes (tests use it to inject a failure).
 */
export async function applyBatch(
  db: IDBPDatabase<LiqLabDB>,
  batch: ImportBatch,
  write: boolean,
  beforeDone?: () => void,
): Promise<ImportDiff> {
  const diff: ImportDiff = { newPoints: 0, overwritten: 0, unchanged: 0 };
  const stores: SeriesStores = hasGroups(db)
    ? [...BASE_STORES, 'liqGroups', 'liqGroupMembers']
    : [...BASE_STORES];
  const series = [...batch.series.values()];
  if (series.some(isContextBatch)) {
    // A database from before open interest was stored cannot take it: refuse rather than drop it silently.
    if (!hasContextStores(db))
      throw new Error('this archive has no open interest or funding stores (schema < 9)');
    stores.push(...CONTEXT_STORES);
  }
  // Typed as readwrite; a dry run opens it readonly and never writes.
  const tx = db.transaction(stores, write ? 'readwrite' : 'readonly') as SeriesWriteTx;
  try {
    if (write) {
      // Markets first, so imported contracts join their margin and exchange groups as their series are written.
      const markets = tx.objectStore('markets');
      for (const m of batch.markets.values()) {
        const had = await markets.get(m.symbol);
        // A record guessed from the symbol knows less than a stored one (exchange, quote, margin, expiry).
        if (had && batch.guessedMarkets.has(m.symbol)) continue;
        if (!had || JSON.stringify(had) !== JSON.stringify(m)) settle(markets.put(m));
      }
    }
    for (const s of series)
      if (isContextBatch(s)) await applyContextSeries(tx as unknown as ContextWriteTx, s, write, diff);
      else if (isStoredBatch(s)) await applySeries(tx, s, write, diff);
    if (write) beforeDone?.();
  } catch (e) {
    if (write) tx.abort();
    await tx.done.catch(() => undefined);
    throw e;
  }
  await tx.done;
  return diff;
}
