import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EXCHANGES_KEY } from '../../../src/core/coinalyze';
import type { Notice } from '../../../src/core/notices';
import { readKv, writeKv } from '../../../src/storage/kv-repo';
import { FetchEngine } from '../../../src/workers/fetch/engine';
import type { LockManagerLike } from '../../../src/workers/leader';
import { setup } from './harness';

/** In-memory Web Locks: one holder per name, waiters granted in order when it releases. */
function memoryLocks(): LockManagerLike {
  const queues = new Map<string, Array<() => void>>();
  const held = new Set<string>();
  const next = (name: string) => {
    const q = queues.get(name) ?? [];
    const grant = q.shift();
    if (grant) grant();
  };
  return {
    request(name, options, callback) {
      return new Promise<void>((resolve, reject) => {
        const run = () => {
          held.add(name);
          void callback(null).finally(() => {
            held.delete(name);
            resolve();
            next(name);
          });
        };
        options.signal?.addEventListener('abort', () => {
          const q = queues.get(name) ?? [];
          const i = q.indexOf(run);
          if (i >= 0) {
            q.splice(i, 1);
            reject(new DOMException('Aborted', 'AbortError'));
          }
        });
        if (!held.has(name)) run();
        else queues.set(name, [...(queues.get(name) ?? []), run]);
      });
    },
  };
}

describe('several tabs', () => {
  it('only the leader fetches; the next tab takes over when it closes and never repeats its work', async () => {
    const e = await setup();
    await writeKv(e.db, 'settings', { coinalyze: { apiKey: 'test-key', apiBaseUrl: `${e.url}/v1` } });
    const locks = memoryLocks();
    const notices: Array<{ tab: string; n: Notice }> = [];
    const callers: string[] = [];
    const tab = (name: string) =>
      new FetchEngine({
        db: e.db,
        locks,
        fetch: (url, init) => {
          callers.push(name);
          return fetch(url, init);
        },
        origin: e.url,
        clock: e.clock,
        random: () => 0.5,
        isOnline: () => true,
        post: (n) => notices.push({ tab: name, n }),
        liveCallsPerMin: 0,
        intervals: ['1hour', 'daily'],
      });
    const a = tab('a');
    const b = tab('b');
    await a.start();
    await b.start();
    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 20_000 && !cond(); i++) await new Promise((r) => setImmediate(r));
    };
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
    // Every series was backfilled once; at most A's one request cut off in flight is repeated by B.
    const history = e.fake.log.filter((r) => r.status === 200 && r.path.includes('history'));
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
