import { proxy, transfer } from 'comlink';
import { describe, expect, it } from 'vitest';
import { openLiqLabDb } from '../../src/storage/open';
import { writeLiqRange } from '../../src/storage/series-repo';
import { createFetchClient } from '../../src/workers/fetch/client';

describe('archive export through the fetch worker', () => {
  it('a file target that hands each piece back gets the same bytes as the download that keeps them', async () => {
    // ~4 MB of rows, so the export crosses several 1 MiB pieces and the worker refills pieces handed back.
    const t0 = 1_700_000_040 - (1_700_000_040 % 60);
    const points = Array.from({ length: 45_000 }, (_, i) => ({
      t: t0 + i * 60,
      l: ((i * 7919) % 100_000) / 100,
      s: i % 5 === 0 ? 0 : ((i * 104_729) % 1_000_000) / 10,
    }));
    const db = await openLiqLabDb();
    await writeLiqRange(db, 'BTCUSDT_PERP.A', '1min', t0, t0 + points.length * 60, points);
    const fetcher = createFetchClient();
    const request = {
      kind: 'archive' as const,
      source: 'archive' as const,
      asset: 'BTC',
      timeframe: '1m' as const,
      filter: { kind: 'all' as const },
      referenceSymbol: 'BTCUSDT_PERP.A',
      from: null,
      to: null,
    };
    const exportWith = async (handBack: boolean) => {
      const pieces: string[] = [];
      const decoder = new TextDecoder();
      const r = await fetcher.api.csvExport(
        request,
        proxy(async (b: Uint8Array) => {
          pieces.push(decoder.decode(b)); // what a file would now hold
          return handBack ? transfer(b, [b.buffer as ArrayBuffer]) : undefined;
        }),
        proxy(() => {}),
      );
      return { text: pieces.join(''), pieces: pieces.length, bytes: r.bytes };
    };
    const file = await exportWith(true);
    const download = await exportWith(false);
    expect(file.pieces).toBeGreaterThanOrEqual(3);
    expect(file.text).toBe(download.text);
    expect(new TextEncoder().encode(file.text).length).toBe(file.bytes);
    const lines = file.text.split('\n').filter((l) => l.startsWith('liq,'));
    expect(lines.length).toBe(points.filter((p) => p.l !== 0 || p.s !== 0).length);
    fetcher.terminate();
    db.close();
    await new Promise((resolve) => {
      const del = indexedDB.deleteDatabase('liqlab');
      del.onsuccess = del.onerror = del.onblocked = resolve;
    });
  });
});
