/** Base intervals as the Coinalyze API names them. */
export const BASE_INTERVALS = [
  '1min',
  '5min',
  '15min',
  '30min',
  '1hour',
  '2hour',
  '4hour',
  '6hour',
  '12hour',
  'daily',
] as const;

/** A Coinalyze history interval. */
export type BaseInterval = (typeof BASE_INTERVALS)[number];

/** Seconds per base interval. */
export const BASE_INTERVAL_SECONDS: Readonly<Record<BaseInterval, number>> = {
  '1min': 60,
  '5min': 300,
  '15min': 900,
  '30min': 1800,
  '1hour': 3600,
  '2hour': 7200,
  '4hour': 14400,
  '6hour': 21600,
  '12hour': 43200,
  daily: 86400,
};

/** Chart timeframes, named as the toolbar shows them. */
export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1D'] as const;

/** A chart timeframe. */
export type Timeframe = (typeof TIMEFRAMES)[number];

/** The six timeframes on the toolbar (Alt+1…6). */
export const TOOLBAR_TIMEFRAMES: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1D'];

/** Seconds per chart timeframe. */
export const TIMEFRAME_SECONDS: Readonly<Record<Timeframe, number>> = {
  '1m': 60,
  '3m': 180,
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '1h': 3600,
  '2h': 7200,
  '4h': 14400,
  '6h': 21600,
  '12h': 43200,
  '1D': 86400,
};

/** True when `value` names a chart timeframe. */
export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

/** The finest base interval that divides `timeframe` exactly, among those available. */
export function finestDividingInterval(
  timeframe: Timeframe,
  available: readonly BaseInterval[],
): BaseInterval | null {
  const tf = TIMEFRAME_SECONDS[timeframe];
  let best: BaseInterval | null = null;
  for (const iv of available) {
    const s = BASE_INTERVAL_SECONDS[iv];
    if (tf % s === 0 && (best === null || s < BASE_INTERVAL_SECONDS[best])) best = iv;
  }
  return best;
}
