/** Wiring for integration tests: the fake Coinalyze, a virtual clock both share, and a fresh archive database. */
import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { onTestFinished } from 'vitest';
import { DEFAULT_SELECTION, parseMarkets, selectContracts } from '../../../src/core/coinalyze';
import type { ContextSeriesSpec } from '../../../src/core/context/series';
import type { BaseInterval } from '../../../src/core/intervals';
import type { FetchStatus } from '../../../src/core/notices';
import { openLiqLabDb } from '../../../src/storage/open';
import type { LiqLabDB } from '../../../src/storage/schema';
import { BudgetLedger } from '../../../src/workers/fetch/budget-ledger';
import { callCoinalyze } from '../../../src/workers/fetch/coinalyze-client';
import { Scheduler, type StopReason } from '../../../src/workers/fetch/scheduler';
import { createFakeCoinalyze, type FakeCoinalyze } from '../../fakes/coinalyze/server.mjs';
import { SimClock } from '../../helpers/sim-clock';

/** 2026-03-02 09:17:23 UTC: not aligned to any bucket, on purpose. */
export const T0 = Date.UTC(2026, 2, 2, 9, 17, 23);

let dbSeq = 0;

/** A fake, a clock, a database and the 40 default contracts. */
export async function setup(opts: { keys?: string[] } = {}) {
  const clock = new SimClock(T0);
  const fake: FakeCoinalyze = createFakeCoinalyze({
    now: () => clock.now(),
    keys: opts.keys ?? ['test-key'],
    listedDaysAgo: 20,
  });
  const url = await fake.listen(0);
  const db = await openLiqLabDb(`it-${process.pid}-${++dbSeq}`);
  const contracts = selectContracts(parseMarkets(fake.markets), DEFAULT_SELECTION, T0, 'BTC').map(
    (m) => m.symbol,
  );
  // Each test that sets up an environment gets it torn down, whether it passes or not.
  onTestFinished(async () => {
    await fake.close();
    db.close();
  });
  return { clock, fake, url, db, contracts };
}

/** What `setup` returns. */
export type Env = Awaited<ReturnType<typeof setup>>;

/** Builds a scheduler against the fake, with the budget ledger loaded from the database. */
export async function scheduler(
  env: { clock: SimClock; url: string; db: IDBPDatabase<LiqLabDB>; contracts: string[] },
  opts: {
    key?: string;
    intervals?: readonly BaseInterval[];
    live?: number;
    contracts?: string[];
    context?: readonly ContextSeriesSpec[];
  } = {},
) {
  const statuses: FetchStatus[] = [];
  const ctl = { abort: new AbortController(), until: (_st: FetchStatus) => false };
  const ledger = await BudgetLedger.load(env.db, env.clock.now());
  const s = new Scheduler({
    db: env.db,
    ledger,
    clock: env.clock,
    random: () => 0.5,
    isOnline: () => true,
    contracts: opts.contracts ?? env.contracts,
    references: ['BTCUSDT_PERP.A'],
    intervals: opts.intervals,
    context: opts.context,
    liveCallsPerMin: opts.live ?? 0,
    onStatus: (st) => {
      statuses.push(st);
      if (ctl.until(st)) ctl.abort.abort();
    },
    onData: () => {},
    call: (path, params, signal) =>
      callCoinalyze(
        {
          baseUrl: `${env.url}/v1`,
          apiKey: opts.key ?? 'test-key',
          fetch: env.clock.track(fetch),
          timeoutMs: 5_000,
          origin: env.url,
        },
        path,
        params,
        signal,
      ),
  });
  /** Runs until `done(status)` holds (or the loop stops by itself); returns why it stopped. */
  const runUntil = async (done: (st: FetchStatus) => boolean): Promise<StopReason> => {
    ctl.abort = new AbortController();
    ctl.until = done;
    let finished = false;
    const run = s.run(ctl.abort.signal).finally(() => {
      finished = true;
    });
    await env.clock.runUntil(() => finished, 30 * 86_400_000);
    return run;
  };
  /** Runs the loop for `ms` of virtual time; returns why it stopped ('aborted' when the time ran out). */
  const runFor = async (ms: number): Promise<StopReason> => {
    ctl.abort = new AbortController();
    ctl.until = () => false;
    const stop = ctl.abort;
    void env.clock.sleep(ms, stop.signal).then(() => stop.abort());
    let finished = false;
    const run = s.run(stop.signal).finally(() => {
      finished = true;
    });
    await env.clock.runUntil(() => finished, ms + 60_000);
    return run;
  };
  return { s, statuses, runUntil, runFor, ledger };
}
