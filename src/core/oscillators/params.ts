/** Oscillator parameters (statistics.md §4); UNVERIFIED starting points. */

/** Editable oscillator parameters. */
export interface OscillatorParams {
  /** EMA length n of the long/short imbalance (α = 2/(n+1)). */
  lsiBars: number;
  /** Rolling-sum length of the cumulative liquidation delta, as time. */
  cldWindowSeconds: number;
  /** EdgeLine window, as time. */
  edgeWindowSeconds: number;
}

/** Defaults: n = 12 bars, 1-day CLD sum, 1-day EdgeLine. */
export const DEFAULT_OSCILLATOR_PARAMS: OscillatorParams = {
  lsiBars: 12,
  cldWindowSeconds: 86400,
  edgeWindowSeconds: 86400,
};
