/** How a generic CSV maps onto LiqLab series: what detection proposes and the mapping dialog lets the user edit. */
import type { BaseInterval } from '../intervals';
import type { TimeUnit } from './timestamps';

/** One contract's long and short liquidation columns. */
export interface LiqPairMapping {
  /** Column header (or "column N") label the pair came from, for the dialog. */
  label: string;
  /** A Coinalyze contract, or a synthetic aggregate (`CSV_AGG_…`) when the columns name none. */
  symbol: string;
  long: number;
  short: number;
}

/** Candle columns (−1 for a missing volume). */
export interface CandleMapping {
  symbol: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A complete mapping of a generic file. */
export interface GenericMapping {
  delimiter: string;
  hasHeader: boolean;
  timeColumn: number;
  timeUnit: TimeUnit;
  /** Offset of naive labels from UTC in hours (e.g. 6 for UTC+6); ignored for other units. */
  utcOffsetHours: number;
  interval: BaseInterval;
  pairs: LiqPairMapping[];
  /** 'coin' amounts are converted to USD with stored candles (mid of high and low) at import. */
  amountUnit: 'usd' | 'coin';
  candles: CandleMapping | null;
  /** Exchange codes the synthetic aggregate (pairs whose symbol starts with `CSV_AGG_`) sums, as the user states. */
  covers: string[];
  /**
   * What a time the file omits, inside a series' span, means: `zero` (no liquidations, as the API omits empty
   * buckets) or `gap` (unknown: the default when the file carries candles, since an hour without a candle is missing).
   */
  omitted: 'gap' | 'zero';
}

/** What sniffing a file found. */
export interface SniffResult {
  /** 'archive' and 'bars' are LiqLab's own formats (exact header); 'generic' needs `mapping`. */
  format: 'archive' | 'bars' | 'generic';
  header: string[];
  /** First rows (after the header) as text, for the preview table. */
  preview: string[][];
  mapping: GenericMapping | null;
  /** Why detection is unsure; non-empty means the mapping dialog should be confirmed by the user. */
  unsure: string[];
}
