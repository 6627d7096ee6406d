/**
 * The leader's alert pipeline scores spikes the way the chart does, in USD or in bp of open interest as the
 * settings say: same open-interest read, same events, whatever a page shows (none is open here).
 */
import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { formatBp } from '../../../../../src/core/context/liq-bp';
import type { SpikeEvent } from '../../../../../src/core/events';
import {
  assetSettings,
  DEFAULT_SETTINGS,
  type Settings,
  withAssetSettings,
} from '../../../../../src/core/settings';
import { memoryBus } from '../../../../../src/platform/notice-bus';
import { recentAlerts } from '../../../../../src/storage/alert-repo';
import { writeContextRange } from '../../../../../src/storage/context-repo';
import { openLiqLabDb } from '../../../../../src/storage/open';
import type { LiqLabDB } from '../../../../../src/storage/schema';
import { writeCandles, writeLiqRange } from '../../../../../src/storage/series-repo';
import { realClock } from '../../../../../src/workers/clock';
import { analyzeRequest } from '../../../../../src/workers/compute/analyze';
import { AlertPipeline } from '../../../../../src/workers/fetch/alerts/pipeline';
import { testMarket } from '../../../../helpers/markets';
import { rng } from '../../../../helpers/random-frame';

const SYMBOL = 'BTCUSDT_PERP.A';
const H = 3600;
const START = 1_717_200_000; // 2024-06-01 00:00 UTC
const BARS = 30 * 24;
const BURST = START + (BARS - 1) * H; // the newest hour: a $30M long flush

const MARKET = testMarket(SYMBOL, 'A');

const ohlc = (t: number, v: number) => ({ t, o: v, h: v * 1.001, l: v * 0.999, c: v * 1.0005 });

/** Thirty days of hourly liquidations ($0.1–1M a side), candles, and open interest except at the burst hour. */
async function archive(): Promise<IDBPDatabase<LiqLabDB>> {
  const db = await openLiqLabDb(`alerts-bp-${process.pid}-${Math.random()}`);
  await db.put('markets', MARKET);
  const r = rng(7);
  const liq = [];
  const candles = [];
  const oi = [];
  let price = 64000;
  for (let k = 0; k < BARS; k++) {
    const t = START + k * H;
    const burst = t === BURST;
    liq.push({ t, l: burst ? 3e7 : 1e5 * Math.exp(r() * 2.3), s: 1e5 * Math.exp(r() * 2.3) });
    const o = price;
    price *= Math.exp((r() - 0.5) * 0.01);
    candles.push({ t, o, h: Math.max(o, price) * 1.001, l: Math.min(o, price) * 0.999, c: price, v: 100 });
    if (!burst) oi.push(ohlc(t, 9e9 + 1e9 * r()));
  }
  await writeLiqRange(db, SYMBOL, '1hour', START, BURST + H, liq);
  await writeCandles(db, SYMBOL, '1hour', START, BURST + H, candles);
  // The open interest of the burst hour is not fetched yet (it is fetched less often than liquidations).
  await writeContextRange(db, 'oi', SYMBOL, '1hour', START, BURST, oi);
  return db;
}

/** Spike alerts on 1h only (touches off), scored as `basis`. */
function settings(basis: Settings['spikes']['scoreBasis']): Settings {
  const btc = assetSettings(DEFAULT_SETTINGS, 'BTC');
  return withAssetSettings(
    {
      ...DEFAULT_SETTINGS,
      spikes: { ...DEFAULT_SETTINGS.spikes, scoreBasis: basis },
      alerts: { ...DEFAULT_SETTINGS.alerts, enabled: true },
    },
    'BTC',
    { spikes: { ...btc.spikes, timeframes: ['1h'] }, touches: { ...btc.touches, enabled: false } },
  );
}

/** The chart's analysis of the same archive with the same settings (the compute worker's own code path). */
async function chartEvents(db: IDBPDatabase<LiqLabDB>, s: Settings): Promise<SpikeEvent[]> {
  const { result } = await analyzeRequest(
    {
      source: 'archive',
      asset: 'BTC',
      timeframe: '1h',
      filter: { kind: 'all' },
      referenceSymbol: SYMBOL,
      params: { spikes: s.spikes, levels: s.levels, oscillators: s.oscillators },
    },
    async () => db,
  );
  return result.analysis.detection.events;
}

function leader(db: IDBPDatabase<LiqLabDB>, s: Settings) {
  const bus = memoryBus();
  const pipeline = new AlertPipeline(
    {
      db: async () => db,
      // Half an hour into the burst hour: the bar is still open, as a live alert sees it.
      clock: { now: () => (BURST + 1800) * 1000, sleep: realClock.sleep },
      bus,
      appUrl: 'https://liqlab.test/',
      queued: () => {},
      coalesceMs: 0,
    },
    s,
  );
  return { pipeline, bus };
}

/** Lets the bus deliver, then waits for the evaluation it started. */
async function settle(pipeline: AlertPipeline): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  await pipeline.idle();
}

describe('alert pipeline: spikes scored in USD or in bp of open interest, as the settings say', () => {
  it('in USD the flush is an alert at once; in bp it waits for the open interest of its hour', async () => {
    const usd = settings('usd');
    const db = await archive();
    const a = leader(db, usd);
    a.pipeline.start();
    await settle(a.pipeline);
    await a.pipeline.close();
    expect(a.pipeline.stats.queued).toBe(1);
    const [sent] = await recentAlerts(db);
    expect(sent?.payload.title).toBe('BTC long liquidation spike · 1h');
    expect(sent?.payload.html).not.toContain('of OI');
    db.close();

    const bp = settings('bpOfOi');
    const db2 = await archive();
    const chartBefore = await chartEvents(db2, bp);
    const b = leader(db2, bp);
    b.pipeline.start();
    await settle(b.pipeline);
    // No open interest at the burst's open: the bar is a gap in the score, for the chart and the alerts alike.
    expect(chartBefore.some((e) => e.firstTime === BURST)).toBe(false);
    expect(b.pipeline.stats.queued).toBe(0);

    // The open interest arrives (the fetch loop's notice): the bar is scored, and the alert goes out.
    await writeContextRange(db2, 'oi', SYMBOL, '1hour', BURST, BURST + H, [ohlc(BURST, 9.5e9)]);
    b.bus.post({
      type: 'context-changed',
      db: 'archive',
      kind: 'oi',
      interval: '1hour',
      symbols: [SYMBOL],
      from: BURST,
      to: BURST + H,
    });
    await settle(b.pipeline);
    await b.pipeline.close();
    expect(b.pipeline.stats.evaluations).toBe(2);
    expect(b.pipeline.stats.queued).toBe(1);

    // The same event as the chart's, scored in bp: its z and its size in bp of open interest.
    const chart = (await chartEvents(db2, bp)).find((e) => e.firstTime === BURST);
    if (!chart) throw new Error('the chart has no event at the burst');
    expect(chart.scoreBasis).toBe('bpOfOi');
    expect(chart.bpOfOi).toBeCloseTo((3e7 / 9.5e9) * 1e4, 9);
    const [alert] = await recentAlerts(db2);
    expect(alert?.id).toBe(`BTC:spike:${chart.id}`);
    expect(alert?.payload.html).toContain(
      `$30.0M (${formatBp(chart.bpOfOi ?? Number.NaN)} of OI) longs liquidated`,
    );
    expect(alert?.payload.html).toContain(` z ${chart.maxZ.toFixed(1)} `);
    db2.close();
  }, 60_000);

  it('scoring in USD, an open-interest notice costs the pipeline nothing', async () => {
    const db = await archive();
    const a = leader(db, settings('usd'));
    a.pipeline.start();
    await settle(a.pipeline);
    a.bus.post({
      type: 'context-changed',
      db: 'archive',
      kind: 'oi',
      interval: '1hour',
      symbols: [SYMBOL],
      from: BURST,
      to: BURST + H,
    });
    await settle(a.pipeline);
    await a.pipeline.close();
    expect(a.pipeline.stats.evaluations).toBe(1);
    db.close();
  }, 60_000);
});
