/**
 * User settings, stored in the archive database (key `settings`) so workers can read them too.
 * Each feature owns one sub-object; add yours with its defaults, and `mergeSettings` keeps old saves valid.
 */

import { type AlertSettings, type AlertSwitches, DEFAULT_ALERT_SWITCHES } from './alerts/config';
import { type AssetSettings, DEFAULT_ASSET, defaultAssetSettings, isAssetName } from './assets';
import { isScoreBasis } from './context/liq-bp';
import { TIMEFRAMES } from './intervals';
import { DEFAULT_LEVEL_PARAMS, type LevelParams } from './levels/params';
import { DEFAULT_OSCILLATOR_PARAMS, type OscillatorParams } from './oscillators/params';
import { DEFAULT_SPIKE_PARAMS, type SpikeParams } from './spikes/params';

/** Coinalyze access. The key never leaves the browser except in the `api_key` header. */
export interface CoinalyzeSettings {
  apiKey: string;
  /** Same-origin proxy path by default, because Coinalyze sends no CORS headers. */
  apiBaseUrl: string;
}

/** Base assets: which are kept Live, and what each keeps for itself (contracts, candles, alert rules). */
export interface AssetsSettings {
  /** Assets whose series the leader keeps fetching, in the user's order (BTC alone by default). */
  live: string[];
  /** Each configured asset's own settings; an asset missing here has `defaultAssetSettings`. */
  byAsset: Record<string, AssetSettings>;
}

/** Telegram delivery. The token is stored only here, shown masked, never logged or exported. */
export interface TelegramSettings {
  botToken: string;
  chatId: string;
  apiBaseUrl: string;
}

/** All settings. */
export interface Settings {
  coinalyze: CoinalyzeSettings;
  telegram: TelegramSettings;
  /** Alert switches shared by every asset (each asset's rules are in `assets`). */
  alerts: AlertSwitches;
  assets: AssetsSettings;
  /** Spike detection (compute worker), statistics.md §1.3. */
  spikes: SpikeParams;
  /** Support/resistance levels (compute worker), statistics.md §2.2. */
  levels: LevelParams;
  /** Oscillators and EdgeLine (compute worker), statistics.md §4. */
  oscillators: OscillatorParams;
}

/** Defaults for a first start. */
export const DEFAULT_SETTINGS: Settings = {
  coinalyze: {
    apiKey: '',
    apiBaseUrl: '/coinalyze/v1',
  },
  telegram: { botToken: '', chatId: '', apiBaseUrl: 'https://api.telegram.org' },
  alerts: DEFAULT_ALERT_SWITCHES,
  assets: { live: [DEFAULT_ASSET], byAsset: { [DEFAULT_ASSET]: defaultAssetSettings(DEFAULT_ASSET) } },
  spikes: DEFAULT_SPIKE_PARAMS,
  levels: DEFAULT_LEVEL_PARAMS,
  oscillators: DEFAULT_OSCILLATOR_PARAMS,
};

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeInto(defaults: Plain, saved: Plain): Plain {
  const out: Plain = {};
  for (const [k, d] of Object.entries(defaults)) {
    const s = saved[k];
    if (isPlain(d)) out[k] = mergeInto(d, isPlain(s) ? s : {});
    else out[k] = s !== undefined && typeof s === typeof d ? s : d;
  }
  return out;
}

/**
 * Settings saved before assets (schema ≤ 9) in today's shape: their contract selection, reference market and
 * alert rules become BTC's, and BTC alone is Live. Anything else is returned as it is. Migration 10 stores the
 * result; reading applies it too, so an old save from any source stays what it was.
 */
export function liftLegacySettings(saved: unknown): unknown {
  if (!isPlain(saved) || saved.assets !== undefined) return saved;
  const { contracts, reference, ...coinalyze } = isPlain(saved.coinalyze) ? saved.coinalyze : {};
  const { spikes, touches, ...alerts } = isPlain(saved.alerts) ? saved.alerts : {};
  const btc: Plain = {};
  for (const [k, v] of Object.entries({ contracts, reference, spikes, touches }))
    if (v !== undefined) btc[k] = v;
  if (Object.keys(btc).length === 0) return saved;
  return {
    ...saved,
    coinalyze,
    alerts,
    assets: { live: [DEFAULT_ASSET], byAsset: { [DEFAULT_ASSET]: btc } },
  };
}

/** Saved settings over defaults, field by field: unknown fields drop, missing or mistyped fields take defaults. */
export function mergeSettings(saved: unknown): Settings {
  const lifted = liftLegacySettings(saved);
  const s = isPlain(lifted) ? lifted : {};
  const merged = mergeInto(DEFAULT_SETTINGS as unknown as Plain, s) as unknown as Settings;
  // Assets are keyed by name, which field-by-field merging over the defaults would drop: each is merged over its
  // own defaults instead.
  const savedAssets = isPlain(s.assets) ? s.assets : {};
  const byAsset: Record<string, AssetSettings> = { ...DEFAULT_SETTINGS.assets.byAsset };
  for (const [asset, v] of Object.entries(isPlain(savedAssets.byAsset) ? savedAssets.byAsset : {}))
    if (isAssetName(asset) && isPlain(v))
      byAsset[asset] = mergeInto(
        defaultAssetSettings(asset) as unknown as Plain,
        v,
      ) as unknown as AssetSettings;
  const live = Array.isArray(savedAssets.live)
    ? [...new Set(savedAssets.live.filter((a): a is string => typeof a === 'string' && isAssetName(a)))]
    : DEFAULT_SETTINGS.assets.live;
  // A string of the right type but no known value reads as the default, like a field of the wrong type.
  if (!isScoreBasis(merged.spikes.scoreBasis)) merged.spikes.scoreBasis = DEFAULT_SETTINGS.spikes.scoreBasis;
  return { ...merged, assets: { live, byAsset } };
}

/** What `asset` keeps for itself (its defaults when it was never configured). */
export function assetSettings(s: Settings, asset: string): AssetSettings {
  return s.assets.byAsset[asset] ?? defaultAssetSettings(asset);
}

/** `s` with `patch` applied to `asset`'s own settings. */
export function withAssetSettings(s: Settings, asset: string, patch: Partial<AssetSettings>): Settings {
  const next = { ...assetSettings(s, asset), ...patch };
  return { ...s, assets: { ...s.assets, byAsset: { ...s.assets.byAsset, [asset]: next } } };
}

/** The shared alert switches with `asset`'s rules: what that asset's alerts are evaluated with. */
export function alertSettingsFor(s: Settings, asset: string): AlertSettings {
  const { spikes, touches } = assetSettings(s, asset);
  return { ...s.alerts, spikes, touches };
}

/**
 * The fields that decide what is fetched and from where. A save that leaves them as they were (alert rules,
 * spike thresholds, Telegram) must not restart fetching: the engine compares this before and after.
 */
export function fetchFingerprint(s: Settings): string {
  const c = s.coinalyze;
  const live = s.assets.live.map((a) => {
    const own = assetSettings(s, a);
    return [a, own.contracts, own.reference];
  });
  return JSON.stringify([c.apiKey, c.apiBaseUrl, live]);
}

/** What is wrong with `s` (empty when it may be saved): numbers must be finite, timeframes known. */
export function settingsProblems(s: Settings): string[] {
  const problems: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number' && !Number.isFinite(v)) problems.push(`${path} is not a finite number`);
    else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
    } else if (isPlain(v)) for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(s, '');
  if (!isScoreBasis(s.spikes.scoreBasis))
    problems.push(`spikes.scoreBasis must be "usd" or "bpOfOi", not ${JSON.stringify(s.spikes.scoreBasis)}`);
  for (const a of s.assets.live)
    if (!isAssetName(a)) problems.push(`assets.live holds ${a}, not an asset name`);
  for (const [asset, own] of Object.entries(s.assets.byAsset)) {
    for (const [name, list] of [
      ['spikes', own.spikes.timeframes],
      ['touches', own.touches.timeframes],
    ] as const) {
      for (const tf of list)
        if (!TIMEFRAMES.includes(tf)) problems.push(`${asset} ${name} alerts hold unknown timeframe ${tf}`);
    }
  }
  return problems;
}
