import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EXCHANGES_KEY } from '../../../src/core/coinalyze';
import type { Notice } from '../../../src/core/notices';
import { memoryBus } from '../../../src/platform/notice-bus';
import { readKv, writeKv } from '../../../src/storage/kv-repo';
import { FetchEngine } from '../../../src/workers/fetch/engine';
import { memoryLocks } from '../../helpers/memory-locks';
import { setup } from './harness';

describe('several tabs', () => {
  it('only the leader fetches; the next tab takes over when it closes and never repeats its work', async () => {
    const e = await setup();
    await writeKv(e.db, 'settings', { coinalyze: { apiKey: 'test-key', apiBaseUrl: `${e.url}/v1` } });
    const locks = memoryLocks();
    const notices: Array<{ tab: string; n: Notice }> = [];
    const callers: string[] = [];
    const tab = (name: string) => {
      const bus = memoryBus();
      bus.subscribe((n) => notices.push({ tab: name, n }));
      return new FetchEngine({
        db: async () => e.db,
        locks,
        fetch: e.clock.track((url, init) => {
          callers.push(name);
          return fetch(url, init);
        }),
        origin: e.url,
        clock: e.clock,
        random: () => 0.5,
        isOnline: () => true,
        bus,
        liveCallsPerMin: 0,
        intervals: ['1hour', 'daily'],
      });
    };
    const a = tab('a');
    const b = tab('b');
    await a.start();
    await b.start();
    const until = (cond: () => boolean) => e.clock.runUntil(cond, 3_600_000);
    await until(() => (a.scheduler?.stats.requests ?? 0) >= 2);
    expect(a.isLeader()).toBe(true);
    expect(b.isLeader()).toBe(false);
    expect(notices.filter((x) => x.tab === 'b')).toHaveLength(0);
    a.stop(); // tab A closes
    await until(() => b.lastStatus.backfill === null && b.lastStatus.state === 'live');
    expect(b.isLeader()).toBe(true);
    b.stop();
    // The tabs never fetched at the same time: all of A's calls come before all of B's.
    expect(callers.join('')).toMatch(/^a+b+$/);
    // Every series was backfilled once; at most A's one request cut off in flight is repeated by B. (Open
    // interest and funding follow at a lower priority; how far they got when B's backfill ended is not fixed.)
    const history = e.fake.log.filter(
      (r) => r.status === 200 && (r.path.includes('liquidation') || r.path.includes('ohlcv')),
    );
    const perSeries = new Map<string, number>();
    for (const r of history)
      for (const s of r.symbols ?? []) {
        const k = `${r.path}|${s}|${r.interval}`;
        perSeries.set(k, (perSeries.get(k) ?? 0) + 1);
      }
    expect(perSeries.size).toBe(41 * 2);
    expect([...perSeries.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(20);
    expect(Math.max(...perSeries.values())).toBeLessThanOrEqual(2);
    expect(e.fake.log.filter((r) => r.path === '/v1/future-markets')).toHaveLength(1);
    // Exchange names are fetched once with the markets, so the toolbar can say "Binance" instead of "A".
    expect(e.fake.log.filter((r) => r.path === '/v1/exchanges')).toHaveLength(1);
    expect(await readKv(e.db, EXCHANGES_KEY, [])).toContainEqual({ code: 'A', name: 'Binance' });
  }, 30_000);
});
