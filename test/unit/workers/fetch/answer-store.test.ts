/**
 * One Coinalyze answer is stored whole or not at all: every symbol it holds goes into one transaction, so a
 * storage failure part-way (the disk filling up) leaves the archive exactly as it was, for liquidations (with
 * their group sums), candles and open interest alike; a symbol the answer left out keeps its coverage.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/core/fetch-plan';
import { openLiqLabDb } from '../../../../src/storage/open';
import { readLiqSum } from '../../../../src/storage/series-repo';
import { storeAnswer } from '../../../../src/workers/fetch/answer-store';

const M = 60;
const NOW = 1_772_000_000;
const FROM = Math.floor(NOW / 60) * 60 - 10 * M;
const TO = Math.floor(NOW / 60) * 60 + M;
const SYMBOLS = ['BTCUSDT_PERP.A', 'BTCUSD_PERP.A', 'BTCUSDT_PERP.6'];

const market = (symbol: string, exchange: string) => ({
  symbol,
  exchange,
  symbolOnExchange: symbol,
  baseAsset: 'BTC',
  quoteAsset: 'USDT',
  isPerpetual: true,
  expireAt: null,
  margined: 'STABLE' as const,
  denominatedIn: 'BASE_ASSET' as const,
  hasOhlcv: true,
});

async function archive() {
  const db = await openLiqLabDb(`answer-${Math.random()}`);
  for (const s of SYMBOLS) await db.put('markets', market(s, s.slice(-1)));
  return db;
}

const jobs = (kind: Job['kind'], symbols = SYMBOLS): Job[] =>
  symbols.map((symbol) => ({ tier: 'live', kind, interval: '1min', symbol, from: FROM, to: TO }));
const request = { symbols: SYMBOLS, step: 60, from: FROM, to: TO };
const liqBody = SYMBOLS.map((symbol, k) => ({
  symbol,
  history: [
    { t: FROM + 2 * M, l: 1000 * (k + 1), s: 7 },
    { t: FROM + 5 * M, l: 3, s: 500 * (k + 1) },
  ],
}));
const ohlc = (t: number, v: number) => ({ t, o: v, h: v + 2, l: v - 1, c: v + 1 });
const oiBody = SYMBOLS.map((symbol, k) => ({
  symbol,
  history: [ohlc(FROM + 2 * M, 1e9 + k), ohlc(FROM + 3 * M, 1.1e9 + k)],
}));
const candleBody = [
  {
    symbol: SYMBOLS[0],
    history: [{ t: FROM + M, o: 60000, h: 60100, l: 59900, c: 60050, v: 12 }],
  },
];

/** Makes the put of any record of `symbol` (a contract chunk, coverage or a group chunk) fail as a full disk does. */
function failPutsOf(symbol: string): () => void {
  const proto = globalThis.IDBObjectStore.prototype;
  const put = proto.put;
  proto.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if ((value as { symbol?: string } | null)?.symbol === symbol)
      throw new DOMException('the disk is full', 'QuotaExceededError');
    return put.call(this, value, key);
  };
  return () => {
    proto.put = put;
  };
}

let restore = () => {};
afterEach(() => restore());

describe('storing one answer', () => {
  it('a storage failure at the second symbol stores none of the answer (liquidations, groups, coverage)', async () => {
    const db = await archive();
    restore = failPutsOf(SYMBOLS[1] ?? '');
    await expect(storeAnswer(db, jobs('liq'), request, liqBody, NOW)).rejects.toThrow('the disk is full');
    restore();
    expect(await db.getAll('coverage')).toEqual([]);
    expect(await db.getAll('liqChunks')).toEqual([]);
    expect(await db.getAll('liqGroups')).toEqual([]);
    expect(await db.getAll('liqGroupMembers')).toEqual([]);
    // The same answer once there is room: all of it, each symbol's coverage as stored.
    const stored = await storeAnswer(db, jobs('liq'), request, liqBody, NOW);
    expect(stored.present.map((j) => j.symbol)).toEqual(SYMBOLS);
    for (const [i, s] of SYMBOLS.entries())
      expect((await db.get('coverage', ['liq', s, '1min']))?.ranges).toEqual(stored.ranges[i]);
    const all = await readLiqSum(db, SYMBOLS, '1min', FROM, TO);
    expect(all.long[2]).toBe(6000);
    expect(all.short[5]).toBe(3000);
  });

  it('a storage failure part-way stores no open interest and no OI group sums either', async () => {
    const db = await archive();
    restore = failPutsOf(SYMBOLS[2] ?? '');
    const oiJobs = jobs('oi');
    await expect(storeAnswer(db, oiJobs, request, oiBody, NOW)).rejects.toThrow('the disk is full');
    restore();
    expect(await db.getAll('ctxCoverage')).toEqual([]);
    expect(await db.getAll('ctxChunks')).toEqual([]);
    expect(await db.getAll('oiGroups')).toEqual([]);
  });

  it('a failure storing candles leaves them and their coverage as they were', async () => {
    const db = await archive();
    restore = failPutsOf(SYMBOLS[0] ?? '');
    const req = { ...request, symbols: [SYMBOLS[0] ?? ''] };
    const candleJobs = jobs('candle', [SYMBOLS[0] ?? '']);
    await expect(storeAnswer(db, candleJobs, req, candleBody, NOW)).rejects.toThrow('the disk is full');
    restore();
    expect(await db.getAll('candleChunks')).toEqual([]);
    expect(await db.getAll('coverage')).toEqual([]);
  });

  it('a symbol the answer left out keeps its coverage; the others are stored', async () => {
    const db = await archive();
    const stored = await storeAnswer(db, jobs('liq'), request, liqBody.slice(0, 2), NOW);
    expect(stored.present.map((j) => j.symbol)).toEqual(SYMBOLS.slice(0, 2));
    expect(await db.get('coverage', ['liq', SYMBOLS[2] ?? '', '1min'])).toBeUndefined();
  });
});
