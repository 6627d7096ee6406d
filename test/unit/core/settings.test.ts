import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { defaultAssetSettings } from '../../../src/core/assets';
import {
  alertSettingsFor,
  assetSettings,
  DEFAULT_SETTINGS,
  fetchFingerprint,
  liftLegacySettings,
  mergeSettings,
  settingsProblems,
  withAssetSettings,
} from '../../../src/core/settings';
import { openLiqLabDb } from '../../../src/storage/open';
import { InvalidSettings, readSettings, writeSettings } from '../../../src/storage/settings-repo';

describe('settings', () => {
  it('fills what an old save lacks with defaults and keeps what it has', () => {
    const merged = mergeSettings({ coinalyze: { apiKey: 'test-key' } });
    expect(merged.coinalyze.apiKey).toBe('test-key');
    expect(merged.coinalyze.apiBaseUrl).toBe('/coinalyze/v1');
    expect(merged.telegram).toEqual(DEFAULT_SETTINGS.telegram);
  });

  it('ignores mistyped and unknown fields instead of breaking', () => {
    const merged = mergeSettings({ coinalyze: { apiKey: 42, extra: 1 }, junk: true });
    expect(merged.coinalyze.apiKey).toBe('');
    expect(merged).not.toHaveProperty('junk');
    expect(mergeSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('spikes are scored in USD unless the user chose bp of open interest; nothing else is stored', async () => {
    expect(DEFAULT_SETTINGS.spikes.scoreBasis).toBe('usd');
    // A save from before the setting, and one with an unknown value, read as USD.
    expect(mergeSettings({ spikes: { zThreshold: 3 } }).spikes.scoreBasis).toBe('usd');
    expect(mergeSettings({ spikes: { scoreBasis: 'percent' } }).spikes.scoreBasis).toBe('usd');
    expect(mergeSettings({ spikes: { scoreBasis: 'bpOfOi' } }).spikes.scoreBasis).toBe('bpOfOi');
    const db = await openLiqLabDb(`settings-basis-${Math.random()}`);
    const bp = { ...DEFAULT_SETTINGS, spikes: { ...DEFAULT_SETTINGS.spikes, scoreBasis: 'bpOfOi' as const } };
    await writeSettings(db, bp);
    expect((await readSettings(db)).spikes.scoreBasis).toBe('bpOfOi');
    // The repository refuses an unknown basis and keeps what was stored.
    const bad = JSON.parse(JSON.stringify(bp));
    bad.spikes.scoreBasis = 'percent';
    expect(settingsProblems(bad)).toEqual(['spikes.scoreBasis must be "usd" or "bpOfOi", not "percent"']);
    await expect(writeSettings(db, bad)).rejects.toBeInstanceOf(InvalidSettings);
    expect((await readSettings(db)).spikes.scoreBasis).toBe('bpOfOi');
    db.close();
  });
});

describe('settings per asset', () => {
  it('reads a v9 save (contracts, reference and alert rules at the top) as BTC’s, with BTC alone Live', () => {
    const saved = {
      coinalyze: {
        apiKey: 'k',
        contracts: { margin: 'COIN', perpetual: true, dated: true, excludedExchanges: ['6'] },
        reference: 'BTCUSD_PERP.0',
      },
      alerts: { enabled: true, spikes: { minUsd: 9e6 } },
    };
    expect(liftLegacySettings(saved)).toMatchObject({ assets: { live: ['BTC'] } });
    const s = mergeSettings(saved);
    expect(s.coinalyze).toEqual({ apiKey: 'k', apiBaseUrl: '/coinalyze/v1' });
    expect(s.assets.live).toEqual(['BTC']);
    expect(assetSettings(s, 'BTC').contracts.margin).toBe('COIN');
    expect(assetSettings(s, 'BTC').contracts.excludedExchanges).toEqual(['6']);
    expect(assetSettings(s, 'BTC').reference).toBe('BTCUSD_PERP.0');
    expect(alertSettingsFor(s, 'BTC')).toMatchObject({
      enabled: true,
      spikes: { minUsd: 9e6, cooldownMin: 30 },
    });
    // A save that already has assets, or has none of the old fields, is left as it is.
    const today = { assets: { live: ['ETH'] } };
    expect(liftLegacySettings(today)).toBe(today);
    expect(liftLegacySettings({ coinalyze: { apiKey: 'k' } })).toEqual({ coinalyze: { apiKey: 'k' } });
  });

  it('keeps every configured asset, each merged over its own defaults; drops names that are not assets', () => {
    const s = mergeSettings({
      assets: {
        live: ['BTC', 'ETH', 'ETH', 'no such/asset', 7],
        byAsset: {
          ETH: { reference: 'ETHUSD_PERP.0', spikes: { minUsd: 1e6 } },
          'bad key': { reference: 'x' },
          SOL: 'junk',
        },
      },
    });
    expect(s.assets.live).toEqual(['BTC', 'ETH']);
    expect(Object.keys(s.assets.byAsset).sort()).toEqual(['BTC', 'ETH']);
    const eth = assetSettings(s, 'ETH');
    expect(eth.reference).toBe('ETHUSD_PERP.0');
    expect(eth.spikes.minUsd).toBe(1e6);
    expect(eth.spikes.timeframes).toEqual(DEFAULT_SETTINGS.assets.byAsset.BTC?.spikes.timeframes);
    expect(eth.contracts).toEqual(DEFAULT_SETTINGS.assets.byAsset.BTC?.contracts);
    // An asset never configured has its defaults: its Binance USDT perpetual, smaller spikes than BTC's.
    expect(assetSettings(s, 'SOL')).toEqual(defaultAssetSettings('SOL'));
    expect(defaultAssetSettings('SOL').reference).toBe('SOLUSDT_PERP.A');
    expect(defaultAssetSettings('SOL').spikes.minUsd).toBeLessThan(assetSettings(s, 'BTC').spikes.minUsd);
  });

  it('restart fetching only when the Live assets or their contracts or candles change', () => {
    const s = DEFAULT_SETTINGS;
    const print = fetchFingerprint(s);
    const eth = { ...s, assets: { ...s.assets, live: ['BTC', 'ETH'] } };
    expect(fetchFingerprint(eth)).not.toBe(print);
    // ETH's rules are not fetching; ETH's contracts are once it is Live, not before.
    const rule = withAssetSettings(eth, 'ETH', {
      spikes: { ...defaultAssetSettings('ETH').spikes, minUsd: 1 },
    });
    expect(fetchFingerprint(rule)).toBe(fetchFingerprint(eth));
    const dated = { ...defaultAssetSettings('ETH').contracts, dated: false };
    expect(fetchFingerprint(withAssetSettings(eth, 'ETH', { contracts: dated }))).not.toBe(
      fetchFingerprint(eth),
    );
    expect(fetchFingerprint(withAssetSettings(s, 'ETH', { contracts: dated }))).toBe(print);
  });

  it('names the asset whose alert rule holds an unknown timeframe', () => {
    const bad = withAssetSettings(DEFAULT_SETTINGS, 'ETH', {
      touches: { ...defaultAssetSettings('ETH').touches, timeframes: ['7q' as '1h'] },
    });
    expect(settingsProblems(bad)).toEqual(['ETH touches alerts hold unknown timeframe 7q']);
  });
});
