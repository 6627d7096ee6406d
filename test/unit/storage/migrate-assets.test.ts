import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../../src/core/market';
import { mergeSettings } from '../../../src/core/settings';
import { writeContextRange } from '../../../src/storage/context-repo';
import { btcAlertKey } from '../../../src/storage/migrate-assets';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/storage/migrations';
import { readOiSum } from '../../../src/storage/oi-read';
import { openLiqLabDb } from '../../../src/storage/open';
import type { LiqLabDB } from '../../../src/storage/schema';
import { readLiqSum, writeLiqRange } from '../../../src/storage/series-repo';

const M = 60;
const V9 = MIGRATIONS.filter((m) => m.version <= 9);

function market(symbol: string, exchange: string, margined: 'COIN' | 'STABLE', baseAsset = 'BTC'): Market {
  return {
    symbol,
    exchange,
    symbolOnExchange: symbol,
    baseAsset,
    quoteAsset: margined === 'COIN' ? 'USD' : 'USDT',
    isPerpetual: true,
    expireAt: null,
    margined,
    denominatedIn: 'QUOTE_ASSET',
    hasOhlcv: true,
  };
}

const MARKETS = [market('A1', 'A', 'STABLE'), market('A2', 'A', 'COIN'), market('B1', 'B', 'STABLE')];

/** Settings as a v9 build saved them: contracts, reference and alert rules at the top level. */
const V9_SETTINGS = {
  coinalyze: {
    apiKey: 'test-key',
    apiBaseUrl: '/coinalyze/v1',
    contracts: { margin: 'STABLE', perpetual: true, dated: false, excludedExchanges: ['B'] },
    reference: 'A1',
  },
  alerts: {
    enabled: true,
    muted: false,
    spikes: { enabled: true, minUsd: 7_000_000, timeframes: ['1h'] },
    touches: { enabled: false },
  },
  spikes: { zThreshold: 4 },
};

/**
 * A v9 archive holding data: three BTC contracts' liquidations (with their group series), open interest of two
 * (with its groups), alert keys and v9-shaped settings. A v9 build keyed each group by the filter alone (`all`,
 * `margin:COIN`, `exchange:A`); today's write path keys them `BTC/…`, so the keys are put back to their v9 form,
 * records unchanged, which is what v9 wrote.
 */
async function v9Archive(name: string): Promise<IDBPDatabase<LiqLabDB>> {
  const db = await openLiqLabDb(name, {}, V9);
  expect(db.version).toBe(9);
  for (const m of MARKETS) await db.put('markets', m);
  const n = 3 * 4096 + 100;
  for (const [k, symbol] of ['A1', 'A2', 'B1'].entries()) {
    const pts = Array.from({ length: 400 }, (_, i) => ({
      t: ((i * 37 + k * 11) % n) * M,
      l: 0.1 * (i + 1) + k / 3,
      s: (i % 7) * 1.7,
    }));
    const unique = [...new Map(pts.map((p) => [p.t, p])).values()].sort((a, b) => a.t - b.t);
    await writeLiqRange(db, symbol, '1min', 0, n * M, unique);
  }
  for (const symbol of ['A1', 'A2']) {
    const pts = Array.from({ length: 50 }, (_, i) => ({
      t: i * 300,
      o: 1e9 + i,
      h: 1e9 + 2 * i,
      l: 1e9,
      c: 1e9 + i / 3,
    }));
    await writeContextRange(db, 'oi', symbol, '5min', 0, 60 * 300, pts);
  }
  const tx = db.transaction(['liqGroups', 'liqGroupMembers', 'oiGroups', 'oiGroupMembers'], 'readwrite');
  for (const r of await tx.objectStore('liqGroups').getAll()) {
    await tx.objectStore('liqGroups').delete([r.symbol, r.interval, r.start]);
    await tx.objectStore('liqGroups').put({ ...r, symbol: r.symbol.replace('BTC/', '') });
  }
  for (const store of ['liqGroupMembers', 'oiGroupMembers'] as const)
    for (const g of await tx.objectStore(store).getAll()) {
      await tx.objectStore(store).delete([g.group, g.interval]);
      await tx.objectStore(store).put({ ...g, group: g.group.replace('BTC/', '') });
    }
  for (const r of await tx.objectStore('oiGroups').getAll()) {
    await tx.objectStore('oiGroups').delete([r.group, r.interval, r.start]);
    await tx.objectStore('oiGroups').put({ ...r, group: r.group.replace('BTC/', '') });
  }
  await tx.done;
  await db.put('alertKeys', { at: 1 }, 'spike:1h:long:3600');
  await db.put('alertKeys', { at: 2, suppressed: true }, 'touch:1h:support:1:7200');
  await db.put('alertKeys', { at: 3 }, 'cool:spike:1h:long');
  await db.put('kv', V9_SETTINGS, 'settings');
  return db;
}

describe('migration 10: one archive partition per asset, existing data as BTC', () => {
  it('moves a v9 archive under BTC: groups bit for bit, alert keys, settings; contract data untouched', async () => {
    const name = `assets-${Math.random()}`;
    const v9 = await v9Archive(name);
    const liqBefore = await v9.getAll('liqGroups');
    const oiBefore = await v9.getAll('oiGroups');
    const chunksBefore = await v9.getAll('liqChunks');
    const ctxBefore = await v9.getAll('ctxChunks');
    const sumBefore = await readLiqSum(v9, ['A1', 'A2', 'B1'], '1min', 0, 13_000 * M);
    expect(new Set(liqBefore.map((r) => r.symbol))).toEqual(
      new Set(['all', 'margin:STABLE', 'margin:COIN', 'exchange:A', 'exchange:B']),
    );
    v9.close();

    const db = await openLiqLabDb(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    const liqAfter = await db.getAll('liqGroups');
    expect(liqAfter).toHaveLength(liqBefore.length);
    for (const r of liqBefore) {
      const moved = await db.get('liqGroups', [`BTC/${r.symbol}`, r.interval, r.start]);
      expect(moved?.symbol).toBe(`BTC/${r.symbol}`);
      // Moved, not recomputed: every slot is the same float.
      expect(moved?.long).toEqual(r.long);
      expect(moved?.short).toEqual(r.short);
    }
    expect(liqAfter.every((r) => r.symbol.startsWith('BTC/'))).toBe(true);
    const members = await db.getAll('liqGroupMembers');
    expect(members.map((g) => g.group).sort()).toEqual(
      ['BTC/all', 'BTC/exchange:A', 'BTC/exchange:B', 'BTC/margin:COIN', 'BTC/margin:STABLE'].sort(),
    );
    expect(members.find((g) => g.group === 'BTC/all')?.members).toEqual(['A1', 'A2', 'B1']);
    for (const r of oiBefore) {
      const moved = await db.get('oiGroups', [`BTC/${r.group}`, r.interval, r.start]);
      expect(moved?.close).toEqual(r.close);
      expect(moved?.count).toEqual(r.count);
    }
    expect((await db.getAll('oiGroups')).every((r) => r.group.startsWith('BTC/'))).toBe(true);
    expect((await db.getAll('oiGroupMembers')).map((g) => g.group).sort()).toEqual(
      ['BTC/all', 'BTC/exchange:A', 'BTC/margin:COIN', 'BTC/margin:STABLE'].sort(),
    );
    // Contract series are not touched.
    expect(await db.getAll('liqChunks')).toEqual(chunksBefore);
    expect(await db.getAll('ctxChunks')).toEqual(ctxBefore);
    // The read takes BTC's group and returns what it did before.
    const sumAfter = await readLiqSum(db, ['A1', 'A2', 'B1'], '1min', 0, 13_000 * M);
    expect(sumAfter.long).toEqual(sumBefore.long);
    expect(sumAfter.short).toEqual(sumBefore.short);
    expect((await readOiSum(db, ['A1', 'A2'], '5min', 0, 60 * 300)).count[3]).toBe(2);

    expect((await db.getAllKeys('alertKeys')).sort()).toEqual(
      ['BTC:spike:1h:long:3600', 'BTC:touch:1h:support:1:7200', 'cool:BTC:spike:1h:long'].sort(),
    );
    expect(await db.get('alertKeys', 'BTC:touch:1h:support:1:7200')).toEqual({ at: 2, suppressed: true });

    const stored = (await db.get('kv', 'settings')) as Record<string, unknown>;
    expect(stored.coinalyze).toEqual({ apiKey: 'test-key', apiBaseUrl: '/coinalyze/v1' });
    const s = mergeSettings(stored);
    expect(s.assets.live).toEqual(['BTC']);
    const btc = s.assets.byAsset.BTC;
    expect(btc?.contracts).toEqual({
      margin: 'STABLE',
      perpetual: true,
      dated: false,
      excludedExchanges: ['B'],
    });
    expect(btc?.reference).toBe('A1');
    expect(btc?.spikes.minUsd).toBe(7_000_000);
    expect(btc?.spikes.timeframes).toEqual(['1h']);
    expect(btc?.touches.enabled).toBe(false);
    expect(s.alerts.enabled).toBe(true);
    expect(s.spikes.zThreshold).toBe(4);
    db.close();
  }, 60_000);

  it('keeps assets apart after the upgrade: an ETH contract gets ETH groups and leaves BTC’s alone', async () => {
    const name = `assets-${Math.random()}`;
    (await v9Archive(name)).close();
    const db = await openLiqLabDb(name);
    const btcBefore = await db.getAll('liqGroups');
    await db.put('markets', market('E1', 'A', 'STABLE', 'ETH'));
    await writeLiqRange(db, 'E1', '1min', 0, 100 * M, [{ t: 5 * M, l: 3, s: 4 }]);
    expect(
      (await db.getAll('liqGroups'))
        .filter((r) => r.symbol.startsWith('BTC/'))
        .map((r) => [r.symbol, r.long]),
    ).toEqual(btcBefore.map((r) => [r.symbol, r.long]));
    const eth = (await db.getAll('liqGroupMembers')).filter((g) => g.group.startsWith('ETH/'));
    expect(eth.map((g) => [g.group, g.members])).toEqual([
      ['ETH/all', ['E1']],
      ['ETH/exchange:A', ['E1']],
      ['ETH/margin:STABLE', ['E1']],
    ]);
    expect((await readLiqSum(db, ['E1'], '1min', 0, 10 * M)).long[5]).toBe(3);
    db.close();
  }, 60_000);

  it('drops a v9 group it cannot call BTC’s (a member without a market record); reads then sum contracts', async () => {
    const name = `assets-${Math.random()}`;
    const v9 = await v9Archive(name);
    const all = await v9.get('liqGroupMembers', ['all', '1min']);
    await v9.put('liqGroupMembers', {
      group: 'all',
      interval: '1min',
      members: [...(all?.members ?? []), 'X9'],
    });
    v9.close();
    const db = await openLiqLabDb(name);
    expect(await db.get('liqGroupMembers', ['BTC/all', '1min'])).toBeUndefined();
    expect((await db.getAll('liqGroups')).some((r) => r.symbol === 'BTC/all' || r.symbol === 'all')).toBe(
      false,
    );
    expect(await db.get('liqGroupMembers', ['BTC/exchange:A', '1min'])).toBeDefined();
    const sum = await readLiqSum(db, ['A1', 'A2', 'B1'], '1min', 0, 100 * M);
    const a = await readLiqSum(db, ['A1'], '1min', 0, 100 * M);
    const b = await readLiqSum(db, ['A2', 'B1'], '1min', 0, 100 * M);
    for (let i = 0; i < 100; i++) expect(sum.long[i]).toBeCloseTo((a.long[i] ?? 0) + (b.long[i] ?? 0), 9);
    db.close();
  }, 60_000);

  it('spells alert keys with the asset inside a cooldown key’s prefix', () => {
    expect(btcAlertKey('spike:1h:long:5')).toBe('BTC:spike:1h:long:5');
    expect(btcAlertKey('cool:level:1h:support:1')).toBe('cool:BTC:level:1h:support:1');
  });
});
