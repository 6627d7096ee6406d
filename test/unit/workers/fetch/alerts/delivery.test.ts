import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AlertPayload, enqueueAlert, recentAlerts } from '../../../../../src/storage/alert-repo';
import { readKv } from '../../../../../src/storage/kv-repo';
import { realClock } from '../../../../../src/workers/clock';
import { AlertDelivery, type DeliveryDeps } from '../../../../../src/workers/fetch/alerts/delivery';
import { holdLeadership } from '../../../../../src/workers/leader';
import { type FakeTelegram, startFakeTelegram } from '../../../../fakes/telegram.mjs';
import { dbWithSettings, memoryLocks, waitFor } from './helpers';

const payload = (n: number): AlertPayload => ({
  kind: 'spike',
  title: `t${n}`,
  html: `<b>alert ${n}</b> &amp;`,
  time: n,
});
const req = (n: number, nowMs = Date.now()) => ({
  key: `spike:1h:long:${n}`,
  cooldownKey: `spike:1h:long:${n}`,
  cooldownMs: 0,
  nowMs,
  payload: payload(n),
});

let fake: FakeTelegram;
const stops: Array<() => unknown> = [];
beforeEach(async () => {
  fake = await startFakeTelegram({ floodMs: 1000 });
});
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
  await fake.close();
});

function sender(deps: Partial<DeliveryDeps> & Pick<DeliveryDeps, 'db'>): AlertDelivery {
  const d = new AlertDelivery({ fetch, clock: realClock, changed: () => {}, pollMs: 50, ...deps });
  stops.push(() => Promise.race([d.stop(), new Promise((r) => setTimeout(r, 300))]));
  return d;
}

const texts = () => fake.delivered().map((r) => r.params.text);

describe('alert delivery', () => {
  it('sends each alert once across two tabs and a reload, ≥ 1.1 s apart, with no 429', async () => {
    const db = await dbWithSettings(fake.url);
    const locks = memoryLocks();
    // Two tabs evaluate the same compute result at the same moment.
    const results = await Promise.all(
      [1, 2, 3].flatMap((n) => [enqueueAlert(db, req(n)), enqueueAlert(db, req(n))]),
    );
    expect(results.filter((r) => r === 'queued')).toHaveLength(3);
    const tabs = [sender({ db: async () => db }), sender({ db: async () => db })];
    const leads = tabs.map((t) =>
      holdLeadership(
        locks,
        async (signal) => {
          t.start();
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          await t.stop();
        },
        'test-sender',
      ),
    );
    await waitFor(() => fake.delivered().length >= 2);
    expect(leads.filter((l) => l.isLeader())).toHaveLength(1);
    // Reload the leader: the other tab takes over; the reloaded tab evaluates the same events again plus one new.
    const leader = leads.findIndex((l) => l.isLeader());
    leads[leader]?.stop();
    await tabs[leader]?.stop();
    const again = await Promise.all([1, 2, 3, 4].map((n) => enqueueAlert(db, req(n))));
    expect(again).toEqual(['duplicate', 'duplicate', 'duplicate', 'queued']);
    await waitFor(() => fake.delivered().length >= 4);
    await new Promise((r) => setTimeout(r, 300));
    expect(texts().sort()).toEqual([1, 2, 3, 4].map((n) => `<b>alert ${n}</b> &amp;`));
    expect(fake.received.filter((r) => r.status === 429)).toHaveLength(0);
    const times = fake.delivered().map((r) => r.at);
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1050);
    expect(fake.delivered()[0]?.params.parse_mode).toBe('HTML');
    for (const l of leads) l.stop();
  }, 20_000);

  it('keeps the outbox across a reload mid-send and sends the lost message exactly once', async () => {
    const db = await dbWithSettings(fake.url);
    for (const n of [1, 2, 3]) await enqueueAlert(db, req(n, Date.now() + n));
    // Tab A's request never comes back (the page was closed while it was in flight).
    const hanging = sender({ db: async () => db, fetch: () => new Promise<Response>(() => {}) });
    hanging.start();
    await waitFor(async () => (await recentAlerts(db)).some((r) => r.claimedAt !== undefined));
    void hanging.stop();
    const b = sender({ db: async () => db, claimMs: 400 });
    b.start();
    await waitFor(() => fake.delivered().length >= 3);
    expect(texts()).toEqual([1, 2, 3].map((n) => `<b>alert ${n}</b> &amp;`));
    // The third message arrives before its sender records it as sent: wait for the record, not the arrival.
    await waitFor(async () => (await recentAlerts(db)).every((r) => r.status !== 'pending'));
    const log = await recentAlerts(db);
    expect(log.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  }, 20_000);

  it('honours a 429 storm: waits retry_after each time, then delivers everything', async () => {
    const db = await dbWithSettings(fake.url);
    for (const n of [1, 2]) await enqueueAlert(db, req(n, Date.now() + n));
    fake.flood(3, 1);
    sender({ db: async () => db }).start();
    await waitFor(() => fake.delivered().length >= 2, 15_000);
    const calls = fake.received.filter((r) => r.method === 'sendmessage');
    expect(calls.map((r) => r.status)).toEqual([429, 429, 429, 200, 200]);
    for (let i = 1; i <= 3; i++) {
      expect((calls[i]?.at ?? 0) - (calls[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    }
    expect(texts()).toEqual(['<b>alert 1</b> &amp;', '<b>alert 2</b> &amp;']);
  }, 20_000);

  it('stops on a bad token and on an unknown chat, says why, and keeps the alerts pending', async () => {
    await fake.close();
    fake = await startFakeTelegram({ tokens: ['1:good'], chats: ['7'] });
    const db = await dbWithSettings(fake.url);
    await enqueueAlert(db, req(1));
    sender({ db: async () => db }).start();
    await waitFor(async () => (await readKv(db, 'alerts:halt', null)) !== null);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.received).toHaveLength(1);
    expect((await readKv(db, 'alerts:halt', null))?.reason).toMatch(/token rejected/i);
    const [rec] = await recentAlerts(db);
    expect(rec?.status).toBe('pending');
    expect(rec?.error).toMatch(/Unauthorized/);

    const db2 = await dbWithSettings(fake.url, { botToken: '1:good', chatId: '99' });
    await enqueueAlert(db2, req(2));
    sender({ db: async () => db2 }).start();
    await waitFor(async () => (await readKv(db2, 'alerts:halt', null)) !== null);
    expect((await readKv(db2, 'alerts:halt', null))?.reason).toMatch(/chat not found/i);
  }, 20_000);

  it('retries network errors with backoff', async () => {
    const db = await dbWithSettings('http://127.0.0.1:9');
    await enqueueAlert(db, req(1));
    const d = sender({ db: async () => db });
    const t0 = Date.now();
    await d.step();
    const [rec] = await recentAlerts(db);
    expect(rec?.status).toBe('pending');
    expect(rec?.error).toBe('Network error');
    expect((rec?.nextAttemptAt ?? 0) - t0).toBeGreaterThanOrEqual(2000);
    expect(await d.step()).toBeGreaterThan(0);
  });

  it('queues with a cooldown per bucket', async () => {
    const db = await dbWithSettings(fake.url);
    const base = { cooldownKey: 'spike:1h:long', cooldownMs: 60_000, payload: payload(0) };
    expect(await enqueueAlert(db, { ...base, key: 'a', nowMs: 0 })).toBe('queued');
    expect(await enqueueAlert(db, { ...base, key: 'b', nowMs: 59_999 })).toBe('cooldown');
    expect(await enqueueAlert(db, { ...base, key: 'b', nowMs: 70_000 })).toBe('duplicate');
    expect(await enqueueAlert(db, { ...base, key: 'c', nowMs: 60_000 })).toBe('queued');
  });
});
