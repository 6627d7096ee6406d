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
import type { ContextCoverage, LiqLabDB } from '../../../storage/schema';
import { clipCoverage, coveredChunks } from './export-chunks';

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
    .map((c) => ({ ...c, ranges: clipCoverage(c.ranges, c.interval, lo, hi) }));
}

/** Writes the coverage rows of `series`. */
export function writeContextCoverage(w: CsvWriter, series: readonly ContextExportSeries[]): void {
  for (const c of series)
    for (const [a, b] of c.ranges) w.text(archiveContextCoverageRow(c.kind, c.market, c.interval, a, b));
}

/**
 * Writes the point rows of `series` (chunk reads kept ahead, so they overlap the formatting); calls
 * `done(k)` after series k. Returns the number of rows written.
 */
export async function writeContextPoints(
  db: IDBPDatabase<LiqLabDB>,
  w: CsvWriter,
  series: readonly ContextExportSeries[],
  done: (k: number) => void,
  check: () => Promise<void>,
): Promise<number> {
  let rows = 0;
  for (const [k, c] of series.entries()) {
    const step = BASE_INTERVAL_SECONDS[c.interval];
    const prefix = CsvWriter.encode(archiveContextPrefix(c.kind, c.market, c.interval));
    const get = (start: number) => db.get('ctxChunks', [c.kind, c.symbol, c.interval, start]);
    for await (const { chunk: ch, start, i0, i1 } of coveredChunks(c.ranges, step, get)) {
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
