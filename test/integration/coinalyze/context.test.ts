import { describe, expect, it } from 'vitest';
import { parseMarkets } from '../../../src/core/coinalyze';
import { CONTEXT_PATHS, CONTEXT_SERIES, type ContextKind } from '../../../src/core/context/series';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../../../src/core/intervals';
import { readContext } from '../../../src/storage/context-repo';
import { readFundingWeighted, readOiSum } from '../../../src/storage/oi-read';
import { CONTEXT_RESERVE } from '../../../src/workers/fetch/scheduler';
import { type Env, scheduler, setup, T0 } from './harness';

const NOW = T0 / 1000;

/** Setup with the fake's market list stored (so OI joins its margin and exchange groups) and 8 contracts. */
async function env8(): Promise<Env & { picked: string[] }> {
  const env = await setup();
  for (const m of parseMarkets(env.fake.markets)) await env.db.put('markets', m);
  // Two exchanges, both margins: the `exchange:A` group, the margin groups and `all` all get members.
  const picked = env.contracts.filter((s) => s.endsWith('.A') || s.endsWith('.6'));
  return { ...env, picked };
}

/** Closed buckets of the last `k` steps before NOW at `interval`. */
function closedRange(interval: BaseInterval, k: number): [number, number] {
  const step = BASE_INTERVAL_SECONDS[interval];
  const to = Math.floor(NOW / step) * step;
  return [to - k * step, to];
}

describe('open interest and funding against the fake Coinalyze', () => {
  it('fetches every context series after the liquidations, stores the truth with gaps as NaN, and re-aggregates', async () => {
    const env = await env8();
    expect(env.picked).toHaveLength(8);
    const { s, statuses, runFor } = await scheduler(env, {
      contracts: env.picked,
      intervals: ['1hour'],
      context: CONTEXT_SERIES,
    });
    await runFor(5 * 60_000);
    // The status counts the 7 × 8 context series apart from the liquidation and candle rows: still filling after
    // those are done (so the status bar does not say idle), counts only growing, and null once all are stored.
    const ctxTotal = CONTEXT_SERIES.length * 8;
    expect(statuses[0]?.contextBackfill).toEqual({ done: 0, total: ctxTotal });
    let ctxDone = 0;
    for (const st of statuses) {
      const count = st.contextBackfill ?? { done: ctxTotal, total: ctxTotal };
      expect(count.total).toBe(ctxTotal);
      expect(count.done).toBeGreaterThanOrEqual(ctxDone);
      ctxDone = count.done;
    }
    const afterChart = statuses.filter((st) => st.backfill === null && st.contextBackfill);
    expect(afterChart.length).toBeGreaterThan(2);
    expect(afterChart[0]?.contextBackfill?.done).toBeLessThan(ctxTotal);
    expect(statuses.at(-1)?.contextBackfill).toBeNull();
    // Their completion time: none while the rows fill (they go after them), then the first estimate is when the
    // last context call really went (the calls the rows left in the window go at once, then 28 every 61 s); none
    // once they are done.
    for (const st of statuses.filter((x) => x.backfill !== null))
      expect(st.contextCompleteAt ?? null).toBeNull();
    const estimate = afterChart[0]?.contextCompleteAt ?? null;
    expect(estimate).not.toBeNull();
    const lastCtx = Math.max(
      ...env.fake.log
        .filter((r) => r.status === 200 && Object.values(CONTEXT_PATHS).some((c) => r.path.endsWith(c)))
        .map((r) => r.at),
    );
    expect(Math.abs((estimate ?? 0) - lastCtx / 1000)).toBeLessThanOrEqual(5);
    expect(statuses.at(-1)?.contextCompleteAt ?? null).toBeNull();
    expect(s.stats.rateLimited).toBe(0);
    expect(env.fake.log.filter((r) => r.status === 429)).toHaveLength(0);
    const ok = env.fake.log.filter((r) => r.status === 200 && r.path.includes('history'));
    const isCtx = (p: string) => Object.values(CONTEXT_PATHS).some((c) => p.endsWith(c));
    // Lower priority: no context request before the last liquidation/candle backfill request.
    const lastLiq = Math.max(...ok.filter((r) => !isCtx(r.path)).map((r) => r.at));
    const firstCtx = Math.min(...ok.filter((r) => isCtx(r.path)).map((r) => r.at));
    expect(firstCtx).toBeGreaterThanOrEqual(lastLiq);
    // A context request never fills the window past what leaves CONTEXT_RESERVE calls for liquidations and
    // candles (capacity 38 = 40 − 2 safety, over the ledger's 61 s window).
    const sent = env.fake.log.filter((r) => r.path.includes('/v1/'));
    for (const r of ok.filter((x) => isCtx(x.path))) {
      const inWindow = sent
        .filter((x) => x.at > r.at - 61_000 && x.at <= r.at)
        .reduce((n, x) => n + (x.weight ?? 0), 0);
      expect(inWindow, `calls in the minute up to ${r.path} at ${r.at}`).toBeLessThanOrEqual(
        38 - CONTEXT_RESERVE,
      );
    }
    // Each symbol costs one call in the same 40/min window, and no request carries more than 20.
    for (const r of ok) expect(r.symbols?.length ?? 0).toBeLessThanOrEqual(20);
    for (const spec of CONTEXT_SERIES) {
      const path = `/v1${CONTEXT_PATHS[spec.kind]}`;
      const reqs = ok.filter((r) => r.path === path && r.interval === spec.interval);
      expect(reqs.reduce((n, r) => n + (r.weight ?? 0), 0)).toBeGreaterThanOrEqual(8);
    }

    let gaps = 0;
    let values = 0;
    for (const spec of CONTEXT_SERIES) {
      const [from, to] = closedRange(spec.interval, spec.interval === 'daily' ? 30 : 300);
      for (const sym of env.picked) {
        const cov = await env.db.get('ctxCoverage', [spec.kind, sym, spec.interval]);
        expect(cov?.ranges.length).toBe(1);
        const got = await readContext(env.db, spec.kind, sym, spec.interval, from, to);
        for (let i = 0; i < got.close.length; i++) {
          const t = from + i * got.step;
          const truth = env.fake.contextTruth(spec.kind, sym, spec.interval, t);
          if (truth === null) {
            // An omitted bucket is a gap, never a zero.
            expect(got.close[i]).toBeNaN();
            gaps++;
          } else {
            expect(got.close[i]).toBeCloseTo(truth.c, 6);
            expect(got.open[i]).toBeCloseTo(truth.o, 6);
            values++;
          }
        }
      }
    }
    expect(gaps).toBeGreaterThan(5);
    expect(values).toBeGreaterThan(9_000);
    // 5min OI reaches back no further than the ~2,100 points the API keeps.
    const oi5 = await env.db.get('ctxCoverage', ['oi', env.picked[0] ?? '', '5min']);
    expect(oi5?.ranges[0]?.[0]).toBeGreaterThanOrEqual(NOW - 2100 * 300);
    expect(oi5?.ranges[0]?.[0]).toBeLessThan(NOW - 2000 * 300);

    // Re-aggregation: OI summed (group series for the whole set, contract chunks for a subset) and funding
    // weighted by OI, both against the fake's truth.
    const [from, to] = closedRange('1hour', 400);
    const subset = env.picked.slice(0, 5);
    for (const set of [env.picked, subset]) {
      const sum = await readOiSum(env.db, set, '1hour', from, to);
      const fund = await readFundingWeighted(env.db, 'funding', set, '1hour', from, to);
      for (let i = 0; i < sum.close.length; i++) {
        const t = from + i * 3600;
        let oi = 0;
        let n = 0;
        let num = 0;
        let den = 0;
        for (const sym of set) {
          const o = env.fake.contextTruth('oi', sym, '1hour', t);
          const f = env.fake.contextTruth('funding', sym, '1hour', t);
          if (o) {
            oi += o.c;
            n++;
          }
          if (o && f) {
            num += f.c * o.c;
            den += o.c;
          }
        }
        expect(sum.count[i]).toBe(n);
        if (n === 0) expect(sum.close[i]).toBeNaN();
        else expect(Math.abs((sum.close[i] ?? 0) - oi) / oi).toBeLessThan(1e-12);
        if (den === 0) expect(fund[i]).toBeNaN();
        else expect(fund[i]).toBeCloseTo(num / den, 12);
      }
    }
  }, 120_000);

  it('refreshes 5min OI every five minutes and refuses an answer with negative open interest', async () => {
    const env = await env8();
    const context = [{ kind: 'oi' as ContextKind, interval: '5min' as BaseInterval }];
    // Live polling on (it is what refreshes tails); only daily liquidations, so OI has the budget.
    const first = await scheduler(env, { contracts: env.picked, intervals: ['daily'], context, live: 24 });
    await first.runFor(60_000);
    const path = '/v1/open-interest-history';
    const before = env.fake.log.filter((r) => r.path === path && r.status === 200).length;
    expect(before).toBeGreaterThan(0);
    const covBefore = await env.db.get('ctxCoverage', ['oi', env.picked[0] ?? '', '5min']);
    env.fake.inject('negative');
    await first.runFor(6 * 60_000);
    // The poisoned answer stored nothing and counted against the series; the next refresh went through.
    expect(first.s.stats.malformed).toBe(1);
    const refreshed = env.fake.log.filter((r) => r.path === path && r.status === 200 && !r.fault);
    expect(refreshed.length).toBeGreaterThan(before);
    const covAfter = await env.db.get('ctxCoverage', ['oi', env.picked[0] ?? '', '5min']);
    expect(covAfter?.ranges[0]?.[1]).toBeGreaterThan(covBefore?.ranges[0]?.[1] ?? Infinity);
  }, 60_000);
});
