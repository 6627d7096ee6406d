/** Types for the fake Coinalyze data model (plain JS so `npm run dev:mock` runs it with node). */

/** Interval name → seconds. */
export const INTERVALS: Readonly<Record<string, number>>;

/** Uniform [0, 1) from a seed and an integer, stable across runs. */
export function rand(seed: number, n: number): number;

/** How each base asset's prices compare with BTC's (BTC is 1). */
export const ASSET_SCALE: Readonly<Record<string, number>>;
/** How each base asset's liquidation and open-interest sizes compare with BTC's (BTC is 1). */
export const SIZE_SCALE: Readonly<Record<string, number>>;

/** Deterministic price (USD) of `base` (BTC unless given) at unix second t. */
export function priceAt(t: number, base?: string): number;

/** One /future-markets row as the fake builds it. */
export interface FakeMarket {
  symbol: string;
  exchange: string;
  base_asset: string;
  quote_asset: string;
  is_perpetual: boolean;
  expire_at: number | null;
  margined: 'COIN' | 'STABLE';
  oi_lq_vol_denominated_in: 'BASE_ASSET' | 'QUOTE_ASSET';
}

/** The 40 default BTC contracts plus a few that the default filter must drop, and ETH and SOL contracts. */
export function makeMarkets(startSec: number): FakeMarket[];

/** Exchange list as /exchanges returns it. */
export const EXCHANGES: { name: string; code: string }[];

/** Liquidation generator for a set of symbols listed at `listedSec`. */
export interface FakeLiqModel {
  minute(symbol: string, t: number): [number, number];
  /** Final value of a bucket of `step` seconds at t: [long, short] USD. */
  bucket(symbol: string, step: number, t: number): [number, number];
  seen(symbol: string, step: number, t: number, nowSec: number): [number, number];
  /** Adds a burst of [long, short] USD to the minute starting at t (a planted outlier for alert tests). */
  plant(symbol: string, t: number, long: number, short?: number): void;
  weight(symbol: string): number;
}

export function makeLiqModel(
  symbols: string[],
  listedSec: number,
  sizeOf?: (symbol: string) => number,
): FakeLiqModel;

/** Context series kinds the fake serves. */
export type FakeContextKind = 'oi' | 'funding' | 'predicted';

/** One OHLC bucket of a context metric. */
export interface FakeOhlc {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
}
