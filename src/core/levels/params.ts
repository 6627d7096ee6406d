/** Support/resistance parameters (statistics.md §2.2); all UNVERIFIED starting points. */

/** Editable level parameters. */
export interface LevelParams {
  /** L/(L+S) at or above this makes a long event a support source. */
  supportShare: number;
  /** L/(L+S) at or below this makes a short event a resistance source. */
  resistanceShare: number;
  atrPeriod: number;
  /** Zone half-width = max(zoneAtr·ATR, zoneMinFraction·P). */
  zoneAtr: number;
  zoneMinFraction: number;
  /** Merge distance = max(mergeAtr·ATR, mergeMinFraction·P). */
  mergeAtr: number;
  mergeMinFraction: number;
  /** Largest merged zone width, in ATR. */
  maxZoneAtr: number;
  /** Weight multiplier for extreme events: w = z_peak·(1 + extremeBonus). */
  extremeBonus: number;
  halfLifeHours: number;
  bounceBonus: number;
  testPenalty: number;
  /** Hidden when the score falls below this… */
  minStrength: number;
  /** …or when older than this. */
  maxAgeDays: number;
  /** Bars after a touch within which a bounce must happen (12 at 5m, 6 at 1h; we scale by time: 1 h). */
  outcomeSeconds: number;
  /** Bounce target in ATR from the touch price. */
  bounceAtr: number;
}

/** Defaults from statistics.md §2.2. */
export const DEFAULT_LEVEL_PARAMS: LevelParams = {
  supportShare: 0.7,
  resistanceShare: 0.3,
  atrPeriod: 14,
  zoneAtr: 0.25,
  zoneMinFraction: 0.0005,
  mergeAtr: 0.25,
  mergeMinFraction: 0.001,
  maxZoneAtr: 1,
  extremeBonus: 0.5,
  halfLifeHours: 72,
  bounceBonus: 1,
  testPenalty: 0.5,
  minStrength: 0.5,
  maxAgeDays: 30,
  outcomeSeconds: 3600,
  bounceAtr: 1,
};

/** Outcome horizon in bars: at least 6 bars, else `outcomeSeconds` of bars (5m → 12, 1h → 6). */
export function outcomeBars(params: LevelParams, step: number): number {
  return Math.max(6, Math.round(params.outcomeSeconds / step));
}
