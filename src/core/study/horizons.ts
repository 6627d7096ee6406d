/** Per-timeframe defaults: horizons in bars (statistics.md §0 for 5m and 1h; the rest span ~1 bar to ~1–4 weeks). */
import type { SpikeEvent } from '../events';
import { TIMEFRAME_SECONDS, type Timeframe } from '../intervals';
import type { StudyParams, ZBucket } from './types';

/** Horizons in bars per timeframe. */
export const HORIZONS: Readonly<Record<Timeframe, readonly number[]>> = {
  '1m': [1, 5, 15, 30, 60, 240, 720, 1440],
  '3m': [1, 2, 5, 10, 20, 80, 240, 480],
  '5m': [1, 3, 6, 12, 24, 48, 96, 288],
  '15m': [1, 2, 4, 8, 16, 32, 96, 192],
  '30m': [1, 2, 4, 8, 16, 48, 96, 336],
  '1h': [1, 2, 4, 8, 24, 72, 168],
  '2h': [1, 2, 4, 12, 36, 84],
  '4h': [1, 2, 6, 18, 42],
  '6h': [1, 2, 4, 12, 28],
  '12h': [1, 2, 6, 14],
  '1D': [1, 2, 3, 5, 10, 20],
};

/** Default parameters for `timeframe`, with `overrides` applied. */
export function defaultStudyParams(timeframe: Timeframe, overrides: Partial<StudyParams> = {}): StudyParams {
  const perDay = Math.max(1, Math.round(86400 / TIMEFRAME_SECONDS[timeframe]));
  return {
    horizons: [...HORIZONS[timeframe]],
    placeboDraws: 2000,
    caarDraws: 400,
    preBars: 24,
    seed: 1,
    bootstrap: 1000,
    atrPeriod: 14,
    // One day of bars (at least 10) balances responsiveness and noise for intraday volatility.
    volHalfLife: Math.max(10, perDay),
    meanWindow: Math.max(30, 30 * perDay),
    exclusionGap: 3,
    minN: 30,
    levelDraws: 20,
    groupBy: 'z',
    ...overrides,
  };
}

/** Magnitude bucket: z below 3.5 (possible with a lower spike threshold), 3.5–5, 5–8, or > 8 / GPD tail p ≤ 1e-3. */
export function magnitudeBucket(e: Pick<SpikeEvent, 'maxZ' | 'minPTail'>): ZBucket {
  if (e.maxZ > 8 || e.minPTail <= 1e-3) return 'z>8';
  if (e.maxZ >= 5) return 'z5-8';
  if (e.maxZ >= 3.5) return 'z3.5-5';
  return 'z<3.5';
}
