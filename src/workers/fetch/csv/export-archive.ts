/**
 * Streams the archive format: markets, coverage records, then every non-zero liquidation bucket, every candle,
 * and every open interest and funding bucket that holds a value.
 */
import type { IDBPDatabase } from 'idb';
import {
  ARCHIVE_HEADER,
  archiveCoverageRow,
  archiveMarketRow,
  archivePrefix,
  writeCandleRow,
  writeLiqRow,
} from '../../../core/csv/archive';
import { marketFromSymbol } from '../../../core/csv/contracts';
import { type ByteSink, CsvWriter } from '../../../core/csv/writer';
import { BASE_INTERVAL_SECONDS } from '../../../core/intervals';
import { type ContractFilter, marketsOf, matchesFilter } from '../../../core/market';
import type { LiqLabDB } from '../../../storage/schema';
import { clipCoverage, coveredChunks } from './export-chunks';
import { contextSeriesToExport, writeContextCoverage, writeContextPoints } from './export-context';

/** Which part of the archive to export. */
export interface ArchiveExportRequest {
  /** Base asset whose contracts are exported. */
  asset: string;
  filter: ContractFilter;
  /** Unix seconds; null for everything stored. */
  from: number | null;
  to: number | null;
}

/** Writes the archive; reports progress as the fraction of coverage records done. */
export async function exportArchive(
  db: IDBPDatabase<LiqLabDB>,
  req: ArchiveExportRequest,
  sink: ByteSink,
  onProgress: (done: number) => void,
  check: () => Promise<void>,
): Promise<number> {
  const lo = req.from ?? Number.NEGATIVE_INFINITY;
  const hi = req.to ?? Number.POSITIVE_INFINITY;
  const stored = new Map((await db.getAll('markets')).map((m) => [m.symbol, m]));
  const coverage = (await db.getAll('coverage'))
    .map((c) => ({ ...c, market: stored.get(c.symbol) ?? marketFromSymbol(c.symbol) }))
    .filter((c) => c.market.baseAsset === req.asset && matchesFilter(c.market, req.filter));
  const w = new CsvWriter(sink);
  let rows = 0;
  w.text(`${ARCHIVE_HEADER}\n`);
  for (const m of marketsOf([...stored.values()], req.asset, req.filter)) w.text(archiveMarketRow(m));
  const clipped = coverage.map((c) => ({ ...c, ranges: clipCoverage(c.ranges, c.interval, lo, hi) }));
  for (const c of clipped)
    for (const [a, b] of c.ranges) w.text(archiveCoverageRow(c.kind, c.market, c.interval, a, b));
  const context = await contextSeriesToExport(db, stored, req.asset, req.filter, lo, hi);
  writeContextCoverage(w, context);
  const total = clipped.length + context.length;
  for (let k = 0; k < clipped.length; k++) {
    const c = clipped[k];
    if (!c) continue;
    const step = BASE_INTERVAL_SECONDS[c.interval];
    const prefix = CsvWriter.encode(archivePrefix(c.kind, c.market, c.interval));
    if (c.kind === 'liq') {
      const get = (start: number) => db.get('liqChunks', [c.symbol, c.interval, start]);
      for await (const { chunk: ch, start, i0, i1 } of coveredChunks(c.ranges, step, get)) {
        for (let i = i0; i < i1; i++) {
          const l = ch.long[i] ?? 0;
          const s = ch.short[i] ?? 0;
          // Zero buckets inside coverage are implied (as the API omits them); -0 is kept as written.
          if (l === 0 && s === 0 && !Object.is(l, -0) && !Object.is(s, -0)) continue;
          writeLiqRow(w, prefix, start + i * step, l, s);
          rows++;
          if (w.full) {
            await w.flush();
            await check();
          }
        }
      }
    } else {
      const get = (start: number) => db.get('candleChunks', [c.symbol, c.interval, start]);
      for await (const { chunk: ch, start, i0, i1 } of coveredChunks(c.ranges, step, get)) {
        for (let i = i0; i < i1; i++) {
          const o = ch.open[i] ?? Number.NaN;
          const h = ch.high[i] ?? Number.NaN;
          const l = ch.low[i] ?? Number.NaN;
          const cl = ch.close[i] ?? Number.NaN;
          const v = ch.volume[i] ?? Number.NaN;
          const nan = Number.isNaN;
          if (nan(o) && nan(h) && nan(l) && nan(cl) && nan(v)) continue; // all missing
          writeCandleRow(w, prefix, start + i * step, o, h, l, cl, v);
          rows++;
          if (w.full) {
            await w.flush();
            await check();
          }
        }
      }
    }
    onProgress((k + 1) / total);
  }
  const done = (k: number) => onProgress((clipped.length + k + 1) / total);
  rows += await writeContextPoints(db, w, context, done, check);
  await w.flush();
  return rows;
}
