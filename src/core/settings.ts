/**
 * User settings, stored in the archive database (key `settings`) so workers can read them too.
 * Each feature owns one sub-object; add yours with its defaults, and `mergeSettings` keeps old saves valid.
 */

import { type AlertSettings, DEFAULT_ALERTS } from './alerts/config';
import { type ContractSelection, DEFAULT_SELECTION } from './coinalyze';
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
  /** Which contracts are fetched (the data engine's market filter). */
  contracts: ContractSelection;
  /** Market whose candles are fetched and drawn. */
  reference: string;
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
  alerts: AlertSettings;
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
    contracts: DEFAULT_SELECTION,
    reference: 'BTCUSDT_PERP.A',
  },
  telegram: { botToken: '', chatId: '', apiBaseUrl: 'https://api.telegram.org' },
  alerts: DEFAULT_ALERTS,
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

/** Saved settings over defaults, field by field: unknown fields drop, missing or mistyped fields take defaults. */
export function mergeSettings(saved: unknown): Settings {
  const s = mergeInto(
    DEFAULT_SETTINGS as unknown as Plain,
    isPlain(saved) ? saved : {},
  ) as unknown as Settings;
  // A string of the right type but no known value reads as the default, like a field of the wrong type.
  if (!isScoreBasis(s.spikes.scoreBasis)) s.spikes.scoreBasis = DEFAULT_SETTINGS.spikes.scoreBasis;
  return s;
}

/**
 * The fields that decide what is fetched and from where. A save that leaves them as they were (alert rules,
 * spike thresholds, Telegram) must not restart fetching: the engine compares this before and after.
 */
export function fetchFingerprint(s: Settings): string {
  const c = s.coinalyze;
  return JSON.stringify([c.apiKey, c.apiBaseUrl, c.contracts, c.reference]);
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
  for (const [name, list] of [
    ['alerts.spikes.timeframes', s.alerts.spikes.timeframes],
    ['alerts.touches.timeframes', s.alerts.touches.timeframes],
  ] as const) {
    for (const tf of list)
      if (!TIMEFRAMES.includes(tf)) problems.push(`${name} holds unknown timeframe ${tf}`);
  }
  return problems;
}
