/**
 * The alert scenario of issue 13: a long-liquidation burst of $7.6M in one 15m bar against $0.03–0.7M in each of
 * the eight bars before, on the fake Coinalyze's market (test/fakes/coinalyze/data.mjs: 30 contracts, quiet
 * spells, recurring clusters at 00/08/13/14/20 UTC, rare market-wide cascades). Wherever it lands after 3.5 days
 * or more of 15m history, it must be labelled extreme or onset — never seasonal or continuation — and pass the
 * default spike alert rule. (Earlier, while the local window is still short, a $7.6M bar among quiet spells can
 * score a robust z under 2 and no long tail yet: see docs/method.md.)
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERTS } from '../../../../src/core/alerts/config';
import { spikeMatches } from '../../../../src/core/alerts/rules';
import type { BarFrame } from '../../../../src/core/series';
import { emptyCandles, emptyLiq } from '../../../../src/core/series';
import { detectSpikes } from '../../../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS } from '../../../../src/core/spikes/params';
import { unixSeconds } from '../../../../src/core/time';
import { makeLiqModel, makeMarkets, priceAt } from '../../../fakes/coinalyze/data.mjs';

const STEP = 900;
const BURST = 7.6e6;

/** The fake's 15m long/short sums over its BTC contracts for the n bars before `end`. */
function fakeFrame(n: number, end: number): BarFrame {
  const start = end - n * STEP;
  const listed = start - 400 * 86400;
  const markets = makeMarkets(listed).filter(
    (m) =>
      m.base_asset === 'BTC' &&
      ['USD', 'USDT', 'USDC'].includes(m.quote_asset) &&
      (m.is_perpetual || (m.expire_at ?? 0) > end * 1000),
  );
  const model = makeLiqModel(
    markets.map((m) => m.symbol),
    listed,
  );
  const liq = emptyLiq(unixSeconds(start), STEP, n);
  const candles = emptyCandles(unixSeconds(start), STEP, n);
  for (let i = 0; i < n; i++) {
    const t = start + i * STEP;
    for (const m of markets) {
      const [l, s] = model.bucket(m.symbol, STEP, t);
      liq.long[i] = (liq.long[i] ?? 0) + l;
      liq.short[i] = (liq.short[i] ?? 0) + s;
    }
    liq.covered[i] = 1;
    const p = priceAt(t);
    candles.open[i] = p;
    candles.high[i] = p * 1.001;
    candles.low[i] = p * 0.999;
    candles.close[i] = p;
    candles.volume[i] = 1;
  }
  return { start: unixSeconds(start), step: STEP, liq, candles };
}

describe('a $7.6M long burst in one 15m bar on the fake market', () => {
  // 1,800 bars is the fake’s 15min retention (18.75 days); with 700 bars the bursts land 3.6–7.3 days in
  for (const n of [700, 1800]) {
    it(`is extreme or onset wherever the eight bars before hold $0.03–0.7M (${n} bars of history)`, () => {
      const frame = fakeFrame(n, 1_750_032_000);
      const labels: string[] = [];
      for (let k = Math.min(672, n / 2); k < n; k += 2) {
        const before = Array.from(frame.liq.long.subarray(k - 8, k));
        if (before.some((v) => v < 0.03e6 || v > 0.7e6)) continue;
        const planted = { ...frame, liq: { ...frame.liq, long: frame.liq.long.slice() } };
        planted.liq.long[k] = BURST;
        const d = detectSpikes(planted, '15m', DEFAULT_SPIKE_PARAMS);
        const e = d.events.find(
          (x) => x.side === 'long' && x.firstIndex <= k && k <= (x.lastIndex ?? x.firstIndex),
        );
        const at = new Date((frame.start + k * STEP) * 1000).toISOString().slice(0, 16);
        labels.push(`${at} ${e ? e.eventClass : 'no event'}`);
        expect(e && spikeMatches(e, DEFAULT_ALERTS, ''), `${at}: ${e?.eventClass ?? 'no event'}`).toBe(true);
      }
      expect(labels.length).toBeGreaterThanOrEqual(10);
      for (const l of labels) expect(l).toMatch(/ (extreme|onset)$/);
    }, 60_000);
  }
});
