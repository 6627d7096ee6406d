/**
 * Archive rows of open interest and funding: `oi` (USD), `funding` and `predicted_funding` (percent, as stored),
 * each an OHLC in the `open high low close` cells, and `coverage_<kind>` rows. Inside a context coverage range a
 * bucket without a row is a gap (NaN), never zero: the API leaves buckets out for want of data, not for quiet.
 */
import { CONTEXT_KINDS, type ContextKind } from '../context/series';
import type { BaseInterval } from '../intervals';
import { coverageRow, type NameFields, nameCells, writeOhlcCells } from './archive-cells';
import { formatNumber, isoSeconds } from './format';
import type { CsvWriter } from './writer';

/** The archive's row kind of each context kind. */
export const CONTEXT_ROW_KINDS: Readonly<Record<ContextKind, string>> = {
  oi: 'oi',
  funding: 'funding',
  predicted: 'predicted_funding',
};

/** The context kind of a point row kind (`oi`, `funding`, `predicted_funding`), or null. */
export function contextOfRow(kind: string): ContextKind | null {
  return CONTEXT_KINDS.find((k) => CONTEXT_ROW_KINDS[k] === kind) ?? null;
}

/** The context kind of a coverage row kind (`coverage_oi`, …), or null. */
export function contextOfCoverageRow(kind: string): ContextKind | null {
  return kind.startsWith('coverage_') ? contextOfRow(kind.slice('coverage_'.length)) : null;
}

/** A context coverage row: [from, to) of one series was fetched; buckets inside it without a row are gaps. */
export function archiveContextCoverageRow(
  kind: ContextKind,
  m: NameFields,
  interval: BaseInterval,
  from: number,
  to: number,
): string {
  return coverageRow(CONTEXT_ROW_KINDS[kind], m, interval, from, to);
}

/** Prefix shared by the point rows of one context series. */
export function archiveContextPrefix(kind: ContextKind, m: NameFields, interval: BaseInterval): string {
  return `${CONTEXT_ROW_KINDS[kind]},${interval},${nameCells(m)},`;
}

/** A context point row after its prefix; a missing value (NaN) is an empty cell. */
export function archiveContextTail(t: number, o: number, h: number, l: number, c: number): string {
  const f = formatNumber;
  return `${isoSeconds(t)},${t},,,${f(o)},${f(h)},${f(l)},${f(c)},,,\n`;
}

/** Writes `prefix + archiveContextTail(t, o, h, l, c)` straight into `w` (byte-identical, faster). */
export function writeContextRow(
  w: CsvWriter,
  prefix: Uint8Array,
  t: number,
  o: number,
  h: number,
  l: number,
  c: number,
): void {
  writeOhlcCells(w, prefix, t, o, h, l, c);
  w.commas(3);
  w.newline();
}

/**
 * Why a context value cell is unacceptable, or null: open interest is a finite amount ≥ 0 (USD), a funding rate
 * any finite number (rates go negative). An empty cell is a missing value and is checked by the caller.
 */
export function contextValueProblem(kind: ContextKind, x: number, cell: string): string | null {
  if (Number.isNaN(x)) return `"${cell}" is not a number`;
  if (!Number.isFinite(x)) return `"${cell}" overflows (not a finite number)`;
  if (kind === 'oi' && x < 0) return `"${cell}" is negative (open interest cannot be)`;
  return null;
}
