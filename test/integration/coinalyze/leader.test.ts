/**
 * The leader's life on a virtual clock: settings saves that leave fetching alone reach the running tenure, any
 * failure gives the lock up and the tab bids again, a stuck loop is ended by the watchdog, a rejected key is not
 * retried by any tab, and a new leader starts from the budget ledger so a handover never costs a 429.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isNotice, type Notice } from '../../../src/core/notices';
import {
  assetSettings,
  DEFAULT_SETTINGS,
  type Settings,
  withAssetSettings,
} from '../../../src/core/settings';
import { memoryBus } from '../../../src/platform/notice-bus';
import { openLiqLabDb } from '../../../src/storage/open';
import { updateSettings, writeSettings } from '../../../src/storage/settings-repo';
import type { FetchFn } from '../../../src/workers/fetch/coinalyze-client';
import { FetchEngine } from '../../../src/workers/fetch/engine';
import { memoryLocks } from '../../helpers/memory-locks';
import { type Env, setup } from './harness';

function settingsFor(e: Env, patch: Partial<Settings['coinalyze']> = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    coinalyze: { ...DEFAULT_SETTINGS.coinalyze, apiKey: 'test-key', apiBaseUrl: `${e.url}/v1`, ...patch },
  };
}

/** Tabs sharing one archive, one lock manager and one notice channel. */
function tabs(e: Env, opts: { intervals?: ('1hour' | 'daily' | '1min')[]; fetch?: FetchFn } = {}) {
  const locks = memoryLocks();
  const bus = memoryBus();
  const notices: Notice[] = [];
  bus.subscribe((n) => notices.push(n));
  const crash = new Set<FetchEngine>();
  const make = () => {
    const engine: FetchEngine = new FetchEngine({
      db: async () => e.db,
      locks,
      fetch: opts.fetch ?? e.clock.track((url, init) => fetch(url, init)),
      origin: e.url,
      clock: e.clock,
      random: () => 0.5,
      isOnline: () => true,
      bus,
      liveCallsPerMin: 0,
      intervals: opts.intervals ?? ['1hour', 'daily'],
      onTurn: () => {
        if (crash.delete(engine)) throw new Error('injected failure');
      },
    });
    return engine;
  };
  return { make, bus, notices, crash };
}

const requests = (e: Env) => e.fake.log.filter((r) => r.path.includes('history')).length;

describe('the leader', () => {
  it('a settings save that leaves fetching alone reaches the running tenure without restarting it', async () => {
    const e = await setup();
    await writeSettings(e.db, settingsFor(e));
    const a = tabs(e).make();
    await a.start();
    await e.clock.runUntil(() => requests(e) >= 2, 600_000);
    const scheduler = a.scheduler;
    expect(scheduler).not.toBeNull();
    await updateSettings(e.db, (s) => ({ ...s, alerts: { ...s.alerts, enabled: true, muted: true } }));
    await a.start();
    await e.clock.advance(60_000);
    expect(a.scheduler).toBe(scheduler);
    expect(a.tenures).toEqual([]);
    expect(e.fake.log.filter((r) => r.path === '/v1/future-markets')).toHaveLength(1);
    // A new contract set is a new fetch configuration: that one restarts.
    await updateSettings(e.db, (s) =>
      withAssetSettings(s, 'BTC', { contracts: { ...assetSettings(s, 'BTC').contracts, dated: false } }),
    );
    await a.start();
    await e.clock.runUntil(() => a.scheduler !== null && a.scheduler !== scheduler, 60_000);
    expect(a.scheduler).not.toBe(scheduler);
    a.stop();
  }, 30_000);

  it('announces stored open interest and funding as context-changed notices a page accepts', async () => {
    const e = await setup();
    await writeSettings(e.db, settingsFor(e));
    const t = tabs(e, { intervals: ['daily'] });
    const a = t.make();
    await a.start();
    const ctx = () => t.notices.filter((n) => n.type === 'context-changed');
    await e.clock.runUntil(() => ctx().length >= 3, 3_600_000);
    for (const n of ctx()) {
      if (n.type !== 'context-changed') continue;
      // What a page's validator sees after the notice went through structured cloning.
      expect(isNotice(structuredClone(n))).toBe(true);
      expect(n.db).toBe('archive');
      expect(n.symbols.length).toBeGreaterThan(0);
      // The span was stored: every named contract has coverage in it.
      for (const s of n.symbols) {
        const cov = await e.db.get('ctxCoverage', [n.kind, s, n.interval]);
        const inside = cov?.ranges.some(([lo, hi]) => lo < n.to && hi > n.from);
        expect(
          inside,
          `${n.kind} ${s} ${n.interval} [${n.from}, ${n.to}) ${JSON.stringify(cov?.ranges)}`,
        ).toBe(true);
      }
    }
    // Liquidation readers see none of them as data-changed.
    expect(t.notices.some((n) => n.type === 'data-changed' && !['liq', 'candle'].includes(n.kind))).toBe(
      false,
    );
    a.stop();
  }, 30_000);

  it('a failing loop gives the lock up: the other tab fetches within 10 s, and the failed one heals', async () => {
    const e = await setup();
    await writeSettings(e.db, settingsFor(e));
    const t = tabs(e);
    const [a, b] = [t.make(), t.make()];
    await a.start();
    await b.start();
    await e.clock.runUntil(() => requests(e) >= 3, 600_000);
    expect(a.isLeader()).toBe(true);
    t.crash.add(a);
    a.wake(); // the failure happens at the loop's next turn; an idle loop may be asleep for a minute
    const crashed = e.clock.now();
    const before = e.fake.log.length;
    await e.clock.runUntil(() => b.isLeader() && b.scheduler !== null, 60_000);
    expect(e.clock.now() - crashed).toBeLessThanOrEqual(10_000);
    await e.clock.runUntil(() => e.fake.log.length > before, 3_600_000);
    expect(a.tenures).toEqual(['failed']);
    expect(
      t.notices.some(
        (n) => n.type === 'status' && /Fetching stopped: injected failure/.test(n.status.message ?? ''),
      ),
    ).toBe(true);
    // A queued again behind B; when B fails too, A is back within 10 s.
    t.crash.add(b);
    b.wake();
    const again = e.clock.now();
    await e.clock.runUntil(() => a.isLeader() && a.scheduler !== null, 60_000);
    expect(e.clock.now() - again).toBeLessThanOrEqual(10_000);
    a.stop();
    b.stop();
  }, 30_000);

  it('a lone tab whose loop fails bids again by itself', async () => {
    const e = await setup();
    await writeSettings(e.db, settingsFor(e));
    const t = tabs(e);
    const a = t.make();
    await a.start();
    await e.clock.runUntil(() => requests(e) >= 2, 600_000);
    t.crash.add(a);
    a.wake();
    await e.clock.runUntil(() => a.tenures.length === 1, 60_000);
    const failedAt = e.clock.now();
    await e.clock.runUntil(() => a.isLeader() && a.scheduler !== null, 60_000);
    expect(e.clock.now() - failedAt).toBeLessThanOrEqual(10_000);
    a.stop();
  }, 30_000);

  it('a loop stuck on an answer that never comes is ended by the watchdog, and the lock moves on', async () => {
    const e = await setup();
    await writeSettings(e.db, settingsFor(e));
    let hang = false;
    const tracked = e.clock.track((url: string, init: RequestInit) => fetch(url, init));
    // A hanging request is not tracked by the clock, so virtual time runs on while it waits.
    const t = tabs(e, {
      fetch: (url, init) => (hang ? new Promise<Response>(() => {}) : tracked(url, init)),
    });
    const [a, b] = [t.make(), t.make()];
    await a.start();
    await e.clock.runUntil(() => requests(e) >= 2, 600_000);
    await b.start();
    hang = true;
    await e.clock.runUntil(() => a.tenures.length > 0, 10 * 60_000);
    expect(a.tenures).toEqual(['failed']);
    expect(
      t.notices.some((n) => n.type === 'status' && /made no progress/.test(n.status.message ?? '')),
    ).toBe(true);
    await e.clock.runUntil(() => b.isLeader(), 10_000);
    expect(b.isLeader()).toBe(true);
    a.stop();
    b.stop();
  }, 30_000);

  it('a rejected key is reported, releases the lock, and no other tab tries it again', async () => {
    const e = await setup();
    await writeSettings(e.db, {
      ...settingsFor(e),
      coinalyze: { ...settingsFor(e).coinalyze, apiKey: 'wrong' },
    });
    const t = tabs(e);
    const a = t.make();
    await a.start();
    await e.clock.runUntil(() => a.tenures.length > 0, 60_000);
    expect(a.tenures).toEqual(['unauthorized']);
    expect(a.lastStatus.state).toBe('key-rejected');
    const b = t.make();
    await b.start();
    await e.clock.advance(5 * 60_000);
    expect(b.tenures).toEqual(['unauthorized']);
    expect(e.fake.log).toHaveLength(1);
    a.stop();
    b.stop();
  }, 30_000);

  it('a market list of the wrong shape is retried and named, never fatal', async () => {
    const e = await setup();
    await writeSettings(e.db, settingsFor(e));
    e.fake.inject('notarray', 'notarray');
    const t = tabs(e);
    const a = t.make();
    await a.start();
    await e.clock.runUntil(() => requests(e) >= 1, 600_000);
    expect(a.tenures).toEqual([]);
    expect(
      t.notices.some(
        (n) => n.type === 'status' && /Market list: malformed answer/.test(n.status.message ?? ''),
      ),
    ).toBe(true);
    a.stop();
  }, 30_000);

  it('a new leader starts from the budget ledger: a handover in the middle of backfill costs no 429', async () => {
    const e = await setup();
    await writeSettings(e.db, settingsFor(e));
    const t = tabs(e, { intervals: ['1min', '1hour', 'daily'] });
    const [a, b] = [t.make(), t.make()];
    await a.start();
    await b.start();
    // Two 20-symbol requests: the 40/min window is spent.
    await e.clock.runUntil(() => requests(e) >= 2, 600_000);
    a.stop();
    await e.clock.runUntil(() => requests(e) >= 6, 600_000);
    expect(b.isLeader()).toBe(true);
    expect(e.fake.log.filter((r) => r.status === 429)).toHaveLength(0);
    b.stop();
  }, 30_000);
});

describe('the leader and its database', () => {
  it('reopens the archive when its connection was closed under it (another tab upgrading) and goes on', async () => {
    const e = await setup();
    await writeSettings(e.db, settingsFor(e));
    let connection = await openLiqLabDb(`reopen-${process.pid}-${Math.random()}`);
    await writeSettings(connection, settingsFor(e));
    const name = connection.name;
    let opened = 1;
    let closed = false;
    const t = tabs(e);
    const a = new FetchEngine({
      db: async () => {
        // What sharedDatabase does: a closed connection is forgotten and opened again.
        if (closed) {
          connection = await openLiqLabDb(name);
          closed = false;
          opened++;
        }
        return connection;
      },
      locks: memoryLocks(),
      fetch: e.clock.track((url, init) => fetch(url, init)),
      origin: e.url,
      clock: e.clock,
      random: () => 0.5,
      isOnline: () => true,
      bus: t.bus,
      liveCallsPerMin: 0,
      intervals: ['1hour', 'daily'],
    });
    await a.start();
    await e.clock.runUntil(() => requests(e) >= 2, 600_000);
    connection.close();
    closed = true;
    await e.clock.runUntil(() => a.tenures.length > 0, 60_000);
    expect(a.tenures).toEqual(['failed']);
    const before = requests(e);
    await e.clock.runUntil(() => requests(e) > before, 3_600_000);
    expect(opened).toBe(2);
    expect(a.isLeader()).toBe(true);
    a.stop();
  }, 30_000);
});
