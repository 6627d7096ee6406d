import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { marketFromSymbol } from '../../../../../src/core/csv/contracts';
import { parseCsv } from '../../../../../src/core/csv/parser';
import type { ContractFilter } from '../../../../../src/core/market';
import type { LiqLabDB } from '../../../../../src/storage/schema';
import { writeLiqRange } from '../../../../../src/storage/series-repo';
import { exportArchive } from '../../../../../src/workers/fetch/csv/export-archive';
import { exportBars } from '../../../../../src/workers/fetch/csv/export-bars';
import { freshDb } from './helpers';

const H = 3600;
/** Binance (A) has a coin- and a stablecoin-margined contract, OKX (3) one more; each with its own amounts. */
const CONTRACTS: Array<[string, number]> = [
  ['BTCUSD_PERP.A', 1],
  ['BTCUSDT_PERP.A', 10],
  ['BTCUSDT_PERP.3', 100],
];

async function seeded(): Promise<IDBPDatabase<LiqLabDB>> {
  const db = await freshDb();
  for (const [symbol, x] of CONTRACTS) {
    await db.put('markets', marketFromSymbol(symbol, symbol.startsWith('BTCUSD_') ? 'COIN' : 'STABLE'));
    await writeLiqRange(db, symbol, '1hour', 0, 3 * H, [
      { t: 0, l: x, s: 2 * x },
      { t: H, l: 3 * x, s: 0 },
    ]);
  }
  return db;
}

async function exported(kind: 'archive' | 'bars', filter: ContractFilter): Promise<string[][]> {
  const db = await seeded();
  const parts: Uint8Array[] = [];
  const sink = async (b: Uint8Array) => {
    parts.push(b);
  };
  const req = { asset: 'BTC', filter, from: null, to: null };
  if (kind === 'archive')
    await exportArchive(
      db,
      req,
      sink,
      () => {},
      async () => {},
    );
  else
    await exportBars(
      db,
      { ...req, kind, source: 'archive', asset: 'BTC', timeframe: '1h', referenceSymbol: 'BTCUSDT_PERP.A' },
      sink,
      () => {},
      async () => {},
    );
  db.close();
  return parseCsv(Buffer.concat(parts).toString('utf8')).slice(1);
}

describe('export with the chart contract filter', () => {
  it('archive with one exchange holds only that exchange’s contracts', async () => {
    const rows = await exported('archive', { kind: 'exchange', exchange: 'A' });
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['BTCUSD_PERP.A', 'BTCUSDT_PERP.A']));
    const liq = rows.filter((r) => r[0] === 'liq').map((r) => [r[2], r[6], r[7], r[8]]);
    expect(liq.sort((a, b) => String(a).localeCompare(String(b)))).toEqual([
      ['BTCUSD_PERP.A', '0', '1', '2'],
      ['BTCUSD_PERP.A', '3600', '3', '0'],
      ['BTCUSDT_PERP.A', '0', '10', '20'],
      ['BTCUSDT_PERP.A', '3600', '30', '0'],
    ]);
  });

  it('bars with one exchange sum only its contracts, split into its COIN and STABLE parts', async () => {
    const rows = await exported('bars', { kind: 'exchange', exchange: 'A' });
    // unix, long, short, total, coin long/short, stable long/short
    expect(rows.map((r) => [r[1], ...r.slice(8, 15)])).toEqual([
      ['0', '11', '22', '33', '1', '2', '10', '20'],
      ['3600', '33', '0', '33', '3', '0', '30', '0'],
      ['7200', '0', '0', '0', '0', '0', '0', '0'],
    ]);
  });

  it('bars with all contracts include the other exchange too', async () => {
    const rows = await exported('bars', { kind: 'all' });
    expect(rows.map((r) => [r[1], ...r.slice(8, 15)])[0]).toEqual([
      '0',
      '111',
      '222',
      '333',
      '1',
      '2',
      '110',
      '220',
    ]);
  });
});
