/**
 * Cells that liquidation, candle and context rows of the archive format spell alike: the contract's name cells,
 * coverage rows, and the time and open…close cells of an OHLC point row.
 */
import type { BaseInterval } from '../intervals';
import type { Market } from '../market';
import { isoUtc } from '../time';
import { safeText } from './format';
import type { CsvWriter } from './writer';

/** The fields of a market that name it in a row. */
export type NameFields = Pick<Market, 'symbol' | 'exchange' | 'margined'>;

/**
 * The symbol, exchange and margin cells of a row. They go through `safeText` because stored names may predate
 * validation (or come from the API): a symbol like `=HYPERLINK(…)` is written neutralised, never raw.
 */
export function nameCells(m: NameFields): string {
  return `${safeText(m.symbol)},${safeText(m.exchange)},${safeText(m.margined)}`;
}

/** A coverage row of the series `rowKind` (`liq`, `oi`, `predicted_funding`, …): [from, to) is known. */
export function coverageRow(
  rowKind: string,
  m: NameFields,
  interval: BaseInterval,
  from: number,
  to: number,
): string {
  return `coverage_${rowKind},${interval},${nameCells(m)},${isoUtc(from)},${from},,,,,,,,${to},\n`;
}

/**
 * Writes a point row's prefix, time and unix cells, the empty long/short cells and open, high, low, close (NaN an
 * empty cell); the caller ends the row.
 */
export function writeOhlcCells(
  w: CsvWriter,
  prefix: Uint8Array,
  t: number,
  o: number,
  h: number,
  l: number,
  c: number,
): void {
  w.iso(t, prefix);
  w.comma();
  w.number(t);
  w.commas(3);
  w.number(o);
  w.comma();
  w.number(h);
  w.comma();
  w.number(l);
  w.comma();
  w.number(c);
}
