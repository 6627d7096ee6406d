/** How a generic CSV maps onto LiqLab series: what detection proposes and the mapping dialog lets the user edit. */
import type { ContextKind } from '../context/series';
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

/**
 * The unit of a context column: open interest in `usd` or in `coin` (BTC, converted to USD with the close of the
 * bucket's candle at import); funding in `percent` (0.01 = 0.01 %, as Coinalyze and LiqLab keep it) or as a
 * `fraction` (0.0001 = 0.01 %, as exchanges' APIs give it).
 */
export type ContextUnit = 'usd' | 'coin' | 'percent' | 'fraction';

/** One open interest, funding or predicted funding column; each value is that bucket's level (o = h = l = c). */
export interface ContextColumnMapping {
  kind: ContextKind;
  /** The column's header (or "column N"), for the dialog and messages. */
  label: string;
  column: number;
  /** A Coinalyze contract, or the file's synthetic aggregate (`CSV_AGG_…`) when the file names none. */
  symbol: string;
  /** Null until the file's header says it or the user chooses: the import is refused while it is unknown. */
  unit: ContextUnit | null;
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
  /** Open interest and funding columns (a missing row or an empty cell is a gap, never zero). */
  context: ContextColumnMapping[];
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
