import type { IDBPDatabase } from 'idb';
import { ImportSession, type ImportSpec, targetOf } from '../../../../../src/core/csv/session';
import { openLiqLabDb } from '../../../../../src/storage/open';
import type { LiqLabDB } from '../../../../../src/storage/schema';
import { applyBatch, type ImportDiff } from '../../../../../src/workers/fetch/csv/apply';
import { convertCoins } from '../../../../../src/workers/fetch/csv/convert';
import { exportArchive } from '../../../../../src/workers/fetch/csv/export-archive';

let n = 0;
/** A fresh, empty archive database. */
export function freshDb(): Promise<IDBPDatabase<LiqLabDB>> {
  return openLiqLabDb(`test-${Date.now()}-${n++}`);
}

/** Dry run + commit of a text, like the worker does. */
export async function importInto(db: IDBPDatabase<LiqLabDB>, text: string, spec: ImportSpec, commit = true) {
  const s = new ImportSession(spec);
  for (let i = 0; i < text.length; i += 1 << 16) s.push(text.slice(i, i + (1 << 16)));
  const batch = s.end();
  if (batch.fatal) return { batch, diff: null as ImportDiff | null };
  await convertCoins(db, batch, targetOf(spec));
  const diff = await applyBatch(db, batch, commit);
  return { batch, diff };
}

/** Whole-archive CSV text of one asset's contracts (BTC's unless told). */
export async function exportAll(db: IDBPDatabase<LiqLabDB>, asset = 'BTC'): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  await exportArchive(
    db,
    { asset, filter: { kind: 'all' }, from: null, to: null },
    async (b) => {
      text += decoder.decode(b, { stream: true });
    },
    () => {},
    async () => {},
  );
  return text + decoder.decode();
}

/**
 * Canonical content: coverage, markets, and chunks that hold anything (an all-zero liquidation chunk, or an all-NaN
 * candle or context chunk, equals no chunk), values as hex so every bit counts.
 */
export async function dump(db: IDBPDatabase<LiqLabDB>): Promise<unknown> {
  const hex = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
  const liq = (await db.getAll('liqChunks'))
    .filter((c) => c.long.some((x) => !Object.is(x, 0)) || c.short.some((x) => !Object.is(x, 0)))
    .map((c) => [c.symbol, c.interval, c.start, hex(c.long), hex(c.short)]);
  const candles = (await db.getAll('candleChunks'))
    .filter((c) => [c.open, c.high, c.low, c.close, c.volume].some((a) => a.some((x) => !Number.isNaN(x))))
    .map((c) => [c.symbol, c.interval, c.start, ...[c.open, c.high, c.low, c.close, c.volume].map(hex)]);
  // Open interest and funding: a chunk of nothing but gaps (NaN) equals no chunk.
  const ctx = (await db.getAll('ctxChunks'))
    .filter((c) => [c.open, c.high, c.low, c.close].some((a) => a.some((x) => !Number.isNaN(x))))
    .map((c) => [c.kind, c.symbol, c.interval, c.start, ...[c.open, c.high, c.low, c.close].map(hex)]);
  return {
    coverage: await db.getAll('coverage'),
    markets: await db.getAll('markets'),
    liq,
    candles,
    ctxCoverage: await db.getAll('ctxCoverage'),
    ctx,
  };
}
