// CSV throughput in real Chromium: 1,000,000 archive rows. Import = our parse + validate (ImportSession) vs
// papaparse's parse alone on the same string, same run; export = exportArchive from real IndexedDB to UTF-8 bytes.
import Papa from 'papaparse';
import { ARCHIVE_HEADER, archiveLiqTail, archivePrefix } from '../../src/core/csv/archive';
import { ImportSession } from '../../src/core/csv/session';
import { openLiqLabDb } from '../../src/storage/open';
import { writeLiqRange } from '../../src/storage/series-repo';
import { exportArchive } from '../../src/workers/fetch/csv/export-archive';

const ROWS = 1_000_000;
const RUNS = 3;
const T0 = 1_600_000_020 - (1_600_000_020 % 60);
const market = { symbol: 'BTCUSDT_PERP.A', exchange: 'A', margined: 'STABLE' as const };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function run() {
  const prefix = archivePrefix('liq', market, '1min');
  const parts: string[] = [`${ARCHIVE_HEADER}\n`];
  const points: Array<{ t: number; l: number; s: number }> = [];
  for (let i = 0; i < ROWS; i++) {
    const t = T0 + i * 60;
    const l = Math.round(Math.random() * 1e8) / 100;
    const s = i % 7 === 0 ? 0.5 : Math.round(Math.random() * 1e7) / 100;
    points.push({ t, l, s });
    parts.push(prefix + archiveLiqTail(t, l, s));
  }
  const text = parts.join('');
  const ours: number[] = [];
  const papa: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    const res = Papa.parse<string[]>(text);
    papa.push(performance.now() - t);
    if (res.data.length < ROWS) throw new Error('papaparse read too few rows');
    t = performance.now();
    const session = new ImportSession({ format: 'archive' });
    for (let off = 0; off < text.length; off += 1 << 20) session.push(text.slice(off, off + (1 << 20)));
    const batch = session.end();
    ours.push(performance.now() - t);
    if (batch.fatal || batch.rows !== ROWS) throw new Error(`import: ${batch.fatal} rows ${batch.rows}`);
  }
  const db = await openLiqLabDb(`bench-csv-${Date.now()}`);
  await writeLiqRange(db, market.symbol, '1min', T0, T0 + ROWS * 60, points);
  // Two sinks, as the app has them: a file target writes each piece and hands the buffer back to be refilled; the
  // download fallback keeps every piece until the end (the writer then needs fresh memory for each piece).
  const exportOnce = async (keep: boolean) => {
    const kept: Uint8Array[] = [];
    let bytes = 0;
    const t = performance.now();
    await exportArchive(
      db,
      { asset: 'BTC', filter: { kind: 'all' }, from: null, to: null },
      async (b) => {
        bytes += b.byteLength;
        if (!keep) return b;
        kept.push(b);
        return undefined;
      },
      () => {},
      async () => {},
    );
    return { ms: performance.now() - t, bytes, pieces: kept.length };
  };
  const exp: number[] = [];
  const expKeep: number[] = [];
  let bytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const file = await exportOnce(false);
    const kept = await exportOnce(true);
    if (file.bytes !== kept.bytes || kept.pieces < 2) throw new Error('export sinks disagree');
    bytes = file.bytes;
    exp.push(file.ms);
    expKeep.push(kept.ms);
  }
  const oursMs = median(ours);
  const papaMs = median(papa);
  return {
    importMs: oursMs,
    papaMs,
    importRowsPerS: ROWS / (oursMs / 1000),
    ratio: papaMs / oursMs,
    exportMbPerS: bytes / 1e6 / (median(exp) / 1000),
    exportMs: median(exp),
    exportKeepMbPerS: bytes / 1e6 / (median(expKeep) / 1000),
    exportKeepMs: median(expKeep),
    exportMb: bytes / 1e6,
    fileMb: text.length / 1e6,
  };
}

declare global {
  interface Window {
    __bench?: unknown;
  }
}
// Start after the load event: the work is synchronous for seconds and would otherwise hold the page's load.
setTimeout(() => {
  run().then(
    (r) => {
      window.__bench = r;
    },
    (e: unknown) => {
      window.__bench = { error: String(e) };
    },
  );
}, 100);
