/**
 * Several Live assets on a virtual clock: one leader loop fetches BTC's and ETH's contracts from one budget (never
 * a 429), each asset's data lands in its own partition (group series of its own contracts only), live refreshes
 * are shared between the assets, and the alert pipeline evaluates ETH's own rules, naming ETH in the message.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultAssetSettings } from '../../../src/core/assets';
import { DEFAULT_SETTINGS, type Settings, withAssetSettings } from '../../../src/core/settings';
import { memoryBus } from '../../../src/platform/notice-bus';
import { recentAlerts } from '../../../src/storage/alert-repo';
import { openLiqLabDb } from '../../../src/storage/open';
import { writeSettings } from '../../../src/storage/settings-repo';
import { FetchEngine } from '../../../src/workers/fetch/engine';
import { makeMarkets } from '../../fakes/coinalyze/data.mjs';
import { createFakeCoinalyze } from '../../fakes/coinalyze/server.mjs';
import { memoryLocks } from '../../helpers/memory-locks';
import { SimClock } from '../../helpers/sim-clock';
import { T0 } from './harness';

const MIN = 60_000;

describe('several Live assets', () => {
  it('are fetched by one loop from one budget into their own partitions, and ETH’s rules alert on ETH', async () => {
    const clock = new SimClock(T0);
    const markets = makeMarkets(T0 / 1000).filter(
      (m) => m.exchange === 'A' && (m.base_asset === 'BTC' || m.base_asset === 'ETH'),
    );
    const fake = createFakeCoinalyze({
      now: () => clock.now(),
      keys: ['test-key'],
      listedDaysAgo: 20,
      markets,
    });
    // A $4M long flush on one ETH contract eight minutes in (ETH's bars hold thousands): an outlier on 15m.
    const burst = Math.floor(T0 / MIN) * 60 + 8 * 60;
    fake.plant('ETHUSDT_PERP.A', burst, 4_000_000);
    const url = await fake.listen(0);
    const db = await openLiqLabDb(`assets-${Math.random()}`);
    const eth = defaultAssetSettings('ETH');
    const base: Settings = {
      ...DEFAULT_SETTINGS,
      coinalyze: { apiKey: 'test-key', apiBaseUrl: `${url}/v1` },
      alerts: { ...DEFAULT_SETTINGS.alerts, enabled: true },
      assets: { ...DEFAULT_SETTINGS.assets, live: ['BTC', 'ETH'] },
    };
    const btc = DEFAULT_SETTINGS.assets.byAsset.BTC ?? defaultAssetSettings('BTC');
    const settings = withAssetSettings(
      withAssetSettings(base, 'BTC', {
        spikes: { ...btc.spikes, enabled: false },
        touches: { ...btc.touches, enabled: false },
      }),
      'ETH',
      {
        spikes: {
          ...eth.spikes,
          minUsd: 1_000_000,
          timeframes: ['15m'],
          classes: ['onset', 'extreme', 'continuation', 'seasonal'],
        },
        touches: { ...eth.touches, enabled: false },
      },
    );
    await writeSettings(db, settings);
    const engine = new FetchEngine({
      db: async () => db,
      locks: memoryLocks(),
      fetch: clock.track((u, init) => fetch(u, init)),
      origin: url,
      appUrl: 'https://liqlab.test/',
      clock,
      random: () => 0.5,
      isOnline: () => true,
      bus: memoryBus(),
      liveCallsPerMin: 24,
      intervals: ['1min', '15min'],
      context: [],
    });
    try {
      await engine.start();
      await clock.advance(40 * MIN);

      // One budget: the fake never had to refuse.
      expect(fake.log.filter((r) => r.status === 429)).toEqual([]);
      const asked = (asset: string) =>
        fake.log
          .filter(
            (r) => r.path === '/v1/liquidation-history' && r.interval === '1min' && r.at > T0 + 10 * MIN,
          )
          .flatMap((r) => r.symbols ?? [])
          .filter((s) => s.startsWith(asset)).length;
      // After the backfill both assets keep being refreshed, from the same loop.
      expect(asked('BTC')).toBeGreaterThan(20);
      expect(asked('ETH')).toBeGreaterThan(20);
      const ethCoverage = (await db.getAll('coverage')).filter((c) => c.symbol === 'ETHUSDT_PERP.A');
      // Its liquidations at both intervals, and its candles: the reference market of ETH.
      expect(ethCoverage.map((c) => `${c.kind} ${c.interval}`).sort()).toEqual([
        'candle 15min',
        'candle 1min',
        'liq 15min',
        'liq 1min',
      ]);

      // Each asset's groups sum its own contracts only.
      const members = await db.getAll('liqGroupMembers');
      const all = (asset: string) => members.find((g) => g.group === `${asset}/all` && g.interval === '1min');
      expect(all('BTC')?.members).toEqual(['BTC-Q1.A', 'BTCUSDC_PERP.A', 'BTCUSDT_PERP.A', 'BTCUSD_PERP.A']);
      expect(all('ETH')?.members).toEqual(['ETH-Q1.A', 'ETHUSDT_PERP.A', 'ETHUSD_PERP.A']);
      expect(members.every((g) => g.members.every((s) => s.startsWith(g.group.split('/')[0] ?? '?')))).toBe(
        true,
      );

      // ETH's rules alerted on ETH's burst, and the message names the asset; BTC's rules are off.
      const alerts = await recentAlerts(db);
      expect(alerts.length).toBeGreaterThan(0);
      expect(alerts.every((a) => a.id.startsWith('ETH:spike:15m:long:'))).toBe(true);
      expect(alerts[0]?.payload.title).toMatch(/^ETH long liquidation spike · 15m$/);
      expect(alerts[0]?.payload.html).toContain('?asset=ETH&amp;tf=15m');
    } finally {
      engine.stop();
      // Let the pipeline's evaluation in flight finish before the database closes under it.
      await clock.advance(10_000);
      await fake.close();
      db.close();
    }
  }, 180_000);
});
