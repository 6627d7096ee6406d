/**
 * Writing candles as columnar chunks: each write is one transaction that stores the candles given and extends
 * coverage; unlike liquidations, a candle the answer left out stays missing (NaN), never zero. A chunk whose
 * values did not change is not stored again (a live refresh of an unchanged minute costs no 160 KB put).
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { WireCandle } from '../core/coinalyze';
import { ensure } from '../core/ensure';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';
import { addRange } from '../core/ranges';
import { floorTo } from '../core/time';
import { allOrNothing, quiet } from './atomic';
import { type CandleChunk, CHUNK_SLOTS, type LiqLabDB } from './schema';
import { assertPointsOnGrid } from './write-check';

/** One market's part of a candle write: `points` over [from, to). */
export interface CandleRangeWrite {
  symbol: string;
  from: number;
  to: number;
  points: readonly WireCandle[];
}

type CandleTx = IDBPTransaction<LiqLabDB, ('candleChunks' | 'coverage')[], 'readwrite'>;

/** Stores candles of `symbol` over [from, to); returns its coverage after the write. */
export async function writeCandles(
  db: IDBPDatabase<LiqLabDB>,
  symbol: string,
  interval: BaseInterval,
  from: number,
  to: number,
  points: readonly WireCandle[],
): Promise<Array<[number, number]>> {
  const [ranges] = await writeCandleRanges(db, interval, [{ symbol, from, to, points }]);
  return ensure(ranges, `the write of ${symbol} candles`);
}

/** Stores several markets' candles at `interval` in one transaction; returns each one's coverage, in order. */
export async function writeCandleRanges(
  db: IDBPDatabase<LiqLabDB>,
  interval: BaseInterval,
  writes: readonly CandleRangeWrite[],
): Promise<Array<Array<[number, number]>>> {
  assertPointsOnGrid(writes, interval);
  const tx: CandleTx = db.transaction(['candleChunks', 'coverage'], 'readwrite');
  return allOrNothing(tx, async () => {
    const out: Array<Array<[number, number]>> = [];
    for (const w of writes) out.push(await writeIn(tx, interval, w));
    return out;
  });
}

async function writeIn(
  tx: CandleTx,
  interval: BaseInterval,
  { symbol, from, to, points }: CandleRangeWrite,
): Promise<Array<[number, number]>> {
  const step = BASE_INTERVAL_SECONDS[interval];
  const span = step * CHUNK_SLOTS;
  const store = tx.objectStore('candleChunks');
  const touched = new Map<number, { chunk: CandleChunk; changed: boolean }>();
  for (const p of points) {
    const start = floorTo(p.t, span);
    let entry = touched.get(start);
    if (!entry) {
      const nan = () => new Float64Array(CHUNK_SLOTS).fill(Number.NaN);
      const stored = await store.get([symbol, interval, start]);
      const chunk = stored ?? {
        symbol,
        interval,
        start,
        open: nan(),
        high: nan(),
        low: nan(),
        close: nan(),
        volume: nan(),
      };
      entry = { chunk, changed: !stored };
      touched.set(start, entry);
    }
    const { chunk } = entry;
    const i = (p.t - start) / step;
    const cols = [chunk.open, chunk.high, chunk.low, chunk.close, chunk.volume];
    const values = [p.o, p.h, p.l, p.c, p.v];
    for (let k = 0; k < 5; k++) {
      const col = ensure(cols[k], 'candle column');
      const v = values[k] ?? Number.NaN;
      if (Object.is(col[i], v)) continue;
      col[i] = v;
      entry.changed = true;
    }
  }
  for (const { chunk, changed } of touched.values()) if (changed) quiet(store.put(chunk));
  const cov = tx.objectStore('coverage');
  const prev = await cov.get(['candle', symbol, interval]);
  const ranges = addRange(prev?.ranges ?? [], [from, to]);
  quiet(cov.put({ kind: 'candle', symbol, interval, ranges }));
  return ranges;
}
