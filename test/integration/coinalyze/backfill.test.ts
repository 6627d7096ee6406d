import { describe, expect, it } from 'vitest';
import { FETCH_INTERVALS } from '../../../src/core/fetch-plan';
import { BASE_INTERVAL_SECONDS } from '../../../src/core/intervals';
import { readLiqSum } from '../../../src/storage/series-repo';
import { type Env, scheduler, setup, T0 } from './harness';

/** Sum of the fake's per-contract truth for one bucket. */
function truthSum(e: Env, interval: string, t: number): [number, number] {
  let l = 0;
  let s = 0;
  for (const sym of e.contracts) {
    const [a, b] = e.fake.truth(sym, interval, t);
    l += a;
    s += b;
  }
  return [l, s];
}

/** Every covered, closed bucket before T0 equals the truth; returns how many buckets were checked. */
async function expectTruth(e: Env): Promise<number> {
  let checked = 0;
  for (const interval of FETCH_INTERVALS) {
    const step = BASE_INTERVAL_SECONDS[interval];
    const cov = await e.db.getAll('coverage');
    const from = Math.min(
      ...cov
        .filter((c) => c.interval === interval && c.kind === 'liq')
        .map((c) => c.ranges[0]?.[0] ?? Infinity),
    );
    const to = Math.floor(T0 / 1000 / step) * step;
    const got = await readLiqSum(e.db, e.contracts, interval, Math.max(from, to - 400 * step), to);
    for (let i = 0; i < got.long.length; i++) {
      if (!got.covered[i]) continue;
      const [l, s] = truthSum(e, interval, got.start + i * step);
      expect(got.long[i]).toBeCloseTo(l, 4);
      expect(got.short[i]).toBeCloseTo(s, 4);
      checked++;
    }
  }
  return checked;
}

describe('backfill against the fake Coinalyze', () => {
  it('backfills 40 contracts at every interval with no 429, near the budget minimum, matching the truth', async () => {
    const env = await setup();
    expect(env.contracts).toHaveLength(40);
    const { s, runUntil } = await scheduler(env);
    await runUntil((st) => st.backfill === null);
    const ok = env.fake.log.filter((r) => r.status === 200 && r.path.includes('history'));
    expect(env.fake.log.filter((r) => r.status === 429)).toHaveLength(0);
    expect(s.stats.rateLimited).toBe(0);
    const calls = ok.reduce((n, r) => n + (r.weight ?? 0), 0);
    expect(calls).toBe((40 + 1) * FETCH_INTERVALS.length);
    const last = Math.max(...ok.map((r) => r.at));
    // A 40/min limit sends calls 1..40 at t=0, 41..80 at 60 s, …: the last call cannot go before this.
    const minimum = Math.floor((calls - 1) / 40) * 60_000;
    expect(last - T0).toBeLessThanOrEqual(minimum * 1.1);
    expect(await expectTruth(env)).toBeGreaterThan(1000);
    // Coverage never starts before what the server still held (1min keeps 1,700 points in the fake).
    for (const c of await env.db.getAll('coverage')) {
      if (c.interval === '1min') expect(c.ranges[0]?.[0] ?? 0).toBeGreaterThanOrEqual(T0 / 1000 - 1700 * 60);
    }
  }, 60_000);

  it('reports each interval arriving and when the backfill will be done, as the status bar and card show it', async () => {
    const env = await setup();
    const { statuses, runUntil } = await scheduler(env);
    await runUntil((st) => st.backfill === null);
    const running = statuses.filter((st) => st.backfill !== null);
    expect(running.length).toBeGreaterThan(5);
    // Every interval is listed in fetch order with its 40 contracts and one candle market; counts only grow.
    let before = new Map<string, number>();
    for (const st of running) {
      expect(st.intervals?.map((r) => [r.interval, r.total])).toEqual(FETCH_INTERVALS.map((iv) => [iv, 41]));
      const done = new Map<string, number>((st.intervals ?? []).map((r) => [r.interval, r.done]));
      for (const [iv, n] of before) expect(done.get(iv) ?? 0).toBeGreaterThanOrEqual(n);
      before = done;
      const share = (st.intervals ?? []).reduce((n, r) => n + r.done, 0) / (41 * FETCH_INTERVALS.length);
      expect(st.backfill).toBeCloseTo(share, 9);
      // No open interest or funding in this plan: nothing of theirs to fill.
      expect(st.contextBackfill).toBeNull();
    }
    // The first estimate (205 calls at 38 a minute) is when the last call really went, within a minute.
    const ok = env.fake.log.filter((r) => r.status === 200 && r.path.includes('history'));
    const lastCall = Math.max(...ok.map((r) => r.at)) / 1000;
    const first = running.find((st) => typeof st.completeAt === 'number');
    expect(first?.completeAt).toBeDefined();
    expect(Math.abs((first?.completeAt ?? 0) - lastCall)).toBeLessThanOrEqual(60);
    // Done: the last status says so and carries no per-interval rows or completion time.
    const last = statuses[statuses.length - 1];
    expect(last?.backfill).toBeNull();
    expect(last?.intervals ?? null).toBeNull();
    expect(last?.completeAt ?? null).toBeNull();
  }, 60_000);

  it('re-running the same backfill changes nothing', async () => {
    const env = await setup();
    const contracts = env.contracts.slice(0, 6);
    const first = await scheduler(env, { contracts, intervals: ['1min', '1hour'] });
    await first.runUntil((st) => st.backfill === null);
    const before = await readLiqSum(env.db, contracts, '1min', T0 / 1000 - 2000 * 60, T0 / 1000);
    const covBefore = await env.db.getAll('coverage');
    await env.db.delete('kv', 'fetch:backfilled');
    const again = await scheduler(env, { contracts, intervals: ['1min', '1hour'] });
    await again.runUntil((st) => st.backfill === null);
    const after = await readLiqSum(env.db, contracts, '1min', T0 / 1000 - 2000 * 60, T0 / 1000);
    expect(Array.from(after.long)).toEqual(Array.from(before.long));
    expect(Array.from(after.covered)).toEqual(Array.from(before.covered));
    const covAfter = await env.db.getAll('coverage');
    for (const c of covBefore) {
      const now = covAfter.find(
        (x) => x.kind === c.kind && x.symbol === c.symbol && x.interval === c.interval,
      );
      expect(now?.ranges[0]?.[0]).toBe(c.ranges[0]?.[0]);
    }
  }, 60_000);

  it('a contract Coinalyze leaves out of every answer is paused, not waited for: the backfill still ends', async () => {
    const env = await setup();
    // A saved selection can hold a contract Coinalyze no longer lists: the fake leaves unknown symbols out.
    const gone = 'DELISTED_PERP.A';
    const contracts = [...env.contracts.slice(0, 5), gone];
    const { statuses, runFor } = await scheduler(env, { contracts, intervals: ['1hour'] });
    await runFor(5 * 60_000);
    // Asked for, and never answered.
    const asked = env.fake.log.filter((r) => r.status === 200 && r.symbols?.includes(gone));
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(await env.db.get('coverage', ['liq', gone, '1hour'])).toBeUndefined();
    // Waited for until it is set aside (three answers without it), then counted as paused, never as done.
    const waiting = statuses.filter((st) => st.intervals?.[0]?.done === 6 - 1 && !st.intervals?.[0]?.paused);
    expect(waiting.length).toBeGreaterThan(0);
    for (const st of statuses) expect(st.intervals?.[0]?.done ?? 0).toBeLessThanOrEqual(6);
    const last = statuses.at(-1);
    expect(last?.backfill).toBeNull();
    expect(last?.intervals ?? null).toBeNull();
    expect(last?.completeAt ?? null).toBeNull();
    // The status line says which series is paused and why.
    expect(last?.message).toMatch(/^Paused DELISTED_PERP\.A 1hour for \d+ min: the answer left it out/);
  }, 60_000);
});
