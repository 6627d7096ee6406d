/**
 * The archive export's open interest and funding: coverage rows of every context series of the filter's
 * contracts, then one row per bucket that holds any value. A gap (all four values NaN) gets no row, and the
 * importer reads a covered bucket without a row back as a gap, so nothing missing is ever written as zero.
 */
import type { IDBPDatabase } from 'idb';
import {
  archiveContextCoverageRow,
  archiveContextPrefix,
  writeContextRow,
} from '../../../core/csv/archive-context';
import { marketFromSymbol } from '../../../core/csv/contracts';
import { CsvWriter } from '../../../core/csv/writer';
import { BASE_INTERVAL_SECONDS } from '../../../core/intervals';
import { type ContractFilter, type Market, matchesFilter } from '../../../core/market';
import { floorTo } from '../../../core/time';
import { CHUNK_SLOTS, type ContextCoverage, type LiqLabDB } from '../../../storage/schema';

/** One context series to export: its market (for the name cells) and its coverage clipped to the request. */
export interface ContextExportSeries extends ContextCoverage {
  market: Market;
}

/**
 * The context series of `asset`'s contracts that `filter` keeps, with coverage clipped to [lo, hi) on each series'
 * grid.
 */
export async function contextSeriesToExport(
  db: IDBPDatabase<LiqLabDB>,
  stored: ReadonlyMap<string, Market>,
  asset: string,
  filter: ContractFilter,
  lo: number,
  hi: number,
): Promise<ContextExportSeries[]> {
  return (await db.getAll('ctxCoverage'))
    .map((c) => ({ ...c, market: stored.get(c.symbol) ?? marketFromSymbol(c.symbol) }))
    .filter((c) => c.market.baseAsset === asset && matchesFilter(c.market, filter))
    .map((c) => ({
      ...c,
      ranges: c.ranges
        .map(
          ([a, b]) =>
            [Math.max(a, floorTo(lo, BASE_INTERVAL_SECONDS[c.interval])), Math.min(b, hi)] as [
              number,
              number,
            ],
        )
        .filter(([a, b]) => a < b),
    }));
}

/** Writes the coverage rows of `series`. */
export function writeContextCoverage(w: CsvWriter, series: readonly ContextExportSeries[]): void {
  for (const c of series)
    for (const [a, b] of c.ranges) w.text(archiveContextCoverageRow(c.kind, c.market, c.interval, a, b));
}

/**
 * Writes the point rows of `series` (chunk reads through `prefetch`, so they overlap the formatting); calls
 * `done(k)` after series k. Returns the number of rows written.
 */
export async function writeContextPoints(
  db: IDBPDatabase<LiqLabDB>,
  w: CsvWriter,
  series: readonly ContextExportSeries[],
  prefetch: <T>(n: number, get: (j: number) => Promise<T>) => AsyncGenerator<T>,
  done: (k: number) => void,
  check: () => Promise<void>,
): Promise<number> {
  let rows = 0;
  for (const [k, c] of series.entries()) {
    const step = BASE_INTERVAL_SECONDS[c.interval];
    const span = step * CHUNK_SLOTS;
    const prefix = CsvWriter.encode(archiveContextPrefix(c.kind, c.market, c.interval));
    const pieces: Array<{ start: number; i0: number; i1: number }> = [];
    for (const [a, b] of c.ranges)
      for (let start: number = floorTo(a, span); start < b; start += span)
        pieces.push({
          start,
          i0: Math.max(0, (a - start) / step),
          i1: Math.min(CHUNK_SLOTS, (b - start) / step),
        });
    let j = 0;
    const get = (i: number) => db.get('ctxChunks', [c.kind, c.symbol, c.interval, pieces[i]?.start ?? 0]);
    for await (const ch of prefetch(pieces.length, get)) {
      const { start, i0, i1 } = pieces[j++] ?? { start: 0, i0: 0, i1: 0 };
      if (!ch) continue;
      for (let i = i0; i < i1; i++) {
        const o = ch.open[i] ?? Number.NaN;
        const h = ch.high[i] ?? Number.NaN;
        const l = ch.low[i] ?? Number.NaN;
        const cl = ch.close[i] ?? Number.NaN;
        const nan = Number.isNaN;
        if (nan(o) && nan(h) && nan(l) && nan(cl)) continue; // a gap: no row
        writeContextRow(w, prefix, start + i * step, o, h, l, cl);
        rows++;
        if (w.full) {
          await w.flush();
          await check();
        }
      }
    }
    done(k);
  }
  return rows;
}
