import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readLiqSum } from '../../../src/storage/series-repo';
import type { FakeFault } from '../../fakes/coinalyze/server.mjs';
import { type Env, scheduler, setup, T0 } from './harness';

const HOUR = 3600;

/** Hourly aggregate of `contracts` before T0 vs the fake's truth: every covered bucket must match. */
async function expectHourlyTruth(e: Env, contracts: string[]) {
  const to = Math.floor(T0 / 1000 / HOUR) * HOUR;
  const got = await readLiqSum(e.db, contracts, '1hour', to - 1500 * HOUR, to);
  let covered = 0;
  for (let i = 0; i < got.long.length; i++) {
    if (!got.covered[i]) continue;
    covered++;
    const t = got.start + i * HOUR;
    const want = contracts.reduce((a, s) => a + e.fake.truth(s, '1hour', t)[0], 0);
    expect(got.long[i]).toBeCloseTo(want, 4);
  }
  expect(covered).toBeGreaterThan(400);
}

describe('faults lose nothing and recover', () => {
  const cases: Array<[string, FakeFault[]]> = [
    ['a 429 storm', ['429', '429', '429', '429', '429', '429']],
    ['500s', ['500', '500', '500']],
    ['malformed JSON', ['malformed', 'malformed']],
    ['a dropped connection', ['drop']],
    ['a point off the bucket grid', ['offgrid']],
    ['millisecond timestamps', ['ms']],
    ['a negative liquidation', ['negative']],
  ];
  for (const [name, faults] of cases) {
    it(`survives ${name}`, async () => {
      const env = await setup();
      const contracts = env.contracts.slice(0, 25);
      env.fake.inject(...faults);
      const { s, statuses, runUntil } = await scheduler(env, { contracts, intervals: ['1hour'] });
      await runUntil((st) => st.backfill === null);
      await expectHourlyTruth(env, contracts);
      if (faults[0] === '429') {
        expect(s.stats.rateLimited).toBe(faults.length);
        expect(statuses.some((st) => st.message?.includes('Rate limited'))).toBe(true);
      } else if (['malformed', 'offgrid', 'ms', 'negative'].includes(faults[0] ?? ''))
        expect(s.stats.malformed).toBe(faults.length);
      else if (faults[0] === 'drop') expect(s.stats.unreachable).toBe(faults.length);
      else expect(s.stats.retries).toBe(faults.length);
      // Once fetching is back, no status line is left over from the fault.
      expect(statuses[statuses.length - 1]?.message ?? null).toBeNull();
      // The successful requests after the faults still never tripped the real limiter.
      expect(env.fake.log.filter((r) => r.status === 429 && !r.fault)).toHaveLength(0);
    }, 30_000);
  }

  it('stops on 401 and says so, without retrying', async () => {
    const env = await setup();
    const { statuses, runUntil } = await scheduler(env, { key: 'wrong-key', intervals: ['1hour'] });
    const reason = await runUntil(() => false);
    expect(reason).toBe('unauthorized');
    expect(env.fake.log).toHaveLength(1);
    const last = statuses[statuses.length - 1];
    expect(last?.state).toBe('key-rejected');
    expect(last?.message).toMatch(/rejected the API key/);
  });

  it('keeps the newest 1min bucket fresh while live and overwrites it once closed', async () => {
    const env = await setup();
    const contracts = env.contracts.slice(0, 10);
    const { runUntil } = await scheduler(env, { contracts, intervals: ['1min', '1hour'], live: 30 });
    const stopAt = T0 + 10 * 60_000;
    await runUntil(() => env !== null && env.clock.now() >= stopAt);
    // Buckets that were open at T0 (and fetched then) are closed now and must equal the final truth.
    const t = Math.floor(T0 / 60_000) * 60;
    const got = await readLiqSum(env.db, contracts, '1min', t, t + 5 * 60);
    for (let i = 0; i < 5; i++) {
      const want = contracts.reduce((a, s) => a + (env?.fake.truth(s, '1min', t + i * 60)[1] ?? 0), 0);
      expect(got.covered[i]).toBe(1);
      expect(got.short[i]).toBeCloseTo(want, 4);
    }
    expect(env.fake.log.filter((r) => r.status === 429)).toHaveLength(0);
  }, 30_000);
});
