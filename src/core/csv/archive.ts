/**
 * The archive format: lossless, one row per stored point plus market, coverage (known ranges; gaps are what
 * lies outside them) rows. Export → import into an empty archive reproduces every stored value bit for bit.
 */
import { BASE_INTERVAL_SECONDS, BASE_INTERVALS, type BaseInterval } from '../intervals';
import type { Market } from '../market';
import { isoUtc } from '../time';
import { coverageRow, type NameFields, nameCells, writeOhlcCells } from './archive-cells';
import {
  CONTEXT_ROW_KINDS,
  contextOfCoverageRow,
  contextOfRow,
  contextValueProblem,
} from './archive-context';
import type { ImportBatch, PointKind } from './batch';
import { formatNumber, isoSeconds, quoteCell } from './format';
import { nameProblem } from './names';
import type { CsvRow } from './row';
import { timeRangeProblem } from './time-range';
import type { CsvWriter } from './writer';

/** Exact header line of an archive file. */
export const ARCHIVE_HEADER =
  'kind,interval,symbol,exchange,margin,time,unix,long_usd,short_usd,open,high,low,close,volume,to_unix,meta';

const FIELDS = 16;
const INTERVALS = new Set<string>(BASE_INTERVALS);

/** A market row: its full metadata as JSON in `meta` (markets hold no secrets). */
export function archiveMarketRow(m: Market): string {
  return `market,,${nameCells(m)},,,,,,,,,,,${quoteCell(JSON.stringify(m))}\n`;
}

/**
 * A coverage row: [from, to) of one series is known; buckets inside it with no point row are 0 (liq). Context
 * series have their own coverage rows (`archive-context.ts`).
 */
export function archiveCoverageRow(
  kind: 'liq' | 'candle',
  m: NameFields,
  interval: BaseInterval,
  from: number,
  to: number,
): string {
  return coverageRow(kind, m, interval, from, to);
}

/** Prefix shared by the point rows of one series (kind, interval, symbol, exchange, margin). */
export function archivePrefix(kind: 'liq' | 'candle', m: NameFields, interval: BaseInterval): string {
  return `${kind},${interval},${nameCells(m)},`;
}

/** A liquidation point row after its prefix. */
export function archiveLiqTail(t: number, long: number, short: number): string {
  return `${isoSeconds(t)},${t},${formatNumber(long)},${formatNumber(short)},,,,,,,\n`;
}

/** A candle point row after its prefix; a missing value (NaN) is an empty cell. */
export function archiveCandleTail(t: number, o: number, h: number, l: number, c: number, v: number): string {
  return `${isoSeconds(t)},${t},,,${formatNumber(o)},${formatNumber(h)},${formatNumber(l)},${formatNumber(c)},${formatNumber(v)},,\n`;
}

/** Writes `prefix + archiveLiqTail(t, long, short)` straight into `w` (byte-identical, faster). */
export function writeLiqRow(w: CsvWriter, prefix: Uint8Array, t: number, long: number, short: number): void {
  w.iso(t, prefix);
  w.comma();
  w.number(t);
  w.comma();
  w.number(long);
  w.comma();
  w.number(short);
  w.commas(7);
  w.newline();
}

/** Writes `prefix + archiveCandleTail(t, o, h, l, c, v)` straight into `w` (byte-identical, faster). */
export function writeCandleRow(
  w: CsvWriter,
  prefix: Uint8Array,
  t: number,
  o: number,
  h: number,
  l: number,
  c: number,
  v: number,
): void {
  writeOhlcCells(w, prefix, t, o, h, l, c);
  w.comma();
  w.number(v);
  w.commas(2);
  w.newline();
}

/** True when a header row is the archive header. */
export function isArchiveHeader(cells: readonly string[]): boolean {
  return cells.join(',') === ARCHIVE_HEADER;
}

/** Reads archive rows into a batch; every invalid row is rejected with its line and reason. */
export class ArchiveReader {
  private readonly values = new Float64Array(5);
  private okSymbol: string | null = null;
  private okExchange: string | null = null;

  /** Reader writing into `batch`; times after `nowSec` + 1 day are refused. */
  constructor(
    private readonly batch: ImportBatch,
    private readonly nowSec: number,
  ) {}

  /** Handles one data row. */
  row(r: CsvRow): undefined {
    const b = this.batch;
    b.rows++;
    if (r.count !== FIELDS) return b.reject(r.line, `expected ${FIELDS} fields, found ${r.count}`);
    const symbol = r.field(2);
    const exchange = r.field(3);
    // Rows of one series repeat their names: validate each new name once, not on every row.
    if (symbol !== this.okSymbol) {
      const why = nameProblem(symbol);
      if (why) return b.reject(r.line, `symbol ${why}`);
      this.okSymbol = symbol;
    }
    if (exchange !== this.okExchange) {
      const why = nameProblem(exchange);
      if (why) return b.reject(r.line, `exchange ${why}`);
      this.okExchange = exchange;
    }
    const kind = r.field(0);
    if (kind === 'market') return this.market(r);
    const interval = r.field(1);
    if (!INTERVALS.has(interval)) return b.reject(r.line, `unknown interval "${interval}"`);
    const iv = interval as BaseInterval;
    const step = BASE_INTERVAL_SECONDS[iv];
    const t = r.number(6);
    if (!Number.isInteger(t) || t % step !== 0)
      return b.reject(r.line, `unix time "${r.field(6)}" is not a whole multiple of ${step} s`);
    const outside = timeRangeProblem(t, this.nowSec);
    if (outside) return b.reject(r.line, `${outside} (unix ${t})`);
    const iso = r.field(5);
    if (Date.parse(iso) !== t * 1000)
      return b.reject(r.line, `time "${iso}" does not match unix ${t} (${isoUtc(t)})`);
    const ck = contextOfRow(kind);
    const covered = coverageKind(kind);
    if (kind === 'liq') {
      const v = this.values;
      for (let c = 0; c < 2; c++) {
        const x = r.number(7 + c);
        const why = badAmount(x, r.field(7 + c));
        if (why) return b.reject(r.line, `${c === 0 ? 'long_usd' : 'short_usd'} ${why}`);
        v[c] = x;
      }
      b.seriesFor('liq', symbol, iv).add(t, v, r.line);
    } else if (kind === 'candle') {
      const v = this.values;
      for (let c = 0; c < 5; c++) {
        const x = r.isEmpty(9 + c) ? Number.NaN : r.number(9 + c);
        const why = r.isEmpty(9 + c) ? null : badAmount(x, r.field(9 + c));
        if (why) return b.reject(r.line, `${['open', 'high', 'low', 'close', 'volume'][c]} ${why}`);
        v[c] = x;
      }
      b.seriesFor('candle', symbol, iv).add(t, v, r.line);
    } else if (ck !== null) {
      const v = this.values;
      for (let c = 0; c < 4; c++) {
        const x = r.isEmpty(9 + c) ? Number.NaN : r.number(9 + c);
        const why = r.isEmpty(9 + c) ? null : contextValueProblem(ck, x, r.field(9 + c));
        if (why) return b.reject(r.line, `${CONTEXT_ROW_KINDS[ck]} ${OHLC[c]} ${why}`);
        v[c] = x;
      }
      b.seriesFor(ck, symbol, iv).add(t, v, r.line);
    } else if (covered !== null) {
      const to = r.number(14);
      if (!Number.isInteger(to) || to <= t || to % step !== 0)
        return b.reject(r.line, `to_unix "${r.field(14)}" must be a multiple of ${step} s after unix ${t}`);
      // `to` is exclusive: the last covered bucket starts one step earlier.
      const late = timeRangeProblem(to - step, this.nowSec);
      if (late) return b.reject(r.line, `coverage ends too late: last bucket ${late.replace(/^time /, '')}`);
      const s = b.seriesFor(covered, symbol, iv);
      s.ranges.push([t, to]);
    } else b.reject(r.line, `unknown row kind "${kind}"`);
  }

  private market(r: CsvRow): undefined {
    let m: unknown;
    try {
      m = JSON.parse(r.field(15));
    } catch {
      return this.batch.reject(r.line, 'market meta is not valid JSON');
    }
    if (!isMarket(m) || m.symbol !== r.field(2) || m.exchange !== r.field(3))
      return this.batch.reject(r.line, 'market meta does not describe the row symbol and exchange');
    for (const code of m.covers ?? []) {
      const why = nameProblem(code);
      if (why) return this.batch.reject(r.line, `covered exchange code ${why}`);
    }
    this.batch.markets.set(m.symbol, m);
  }
}

const OHLC = ['open', 'high', 'low', 'close'];

/** The series kind a coverage row describes (`coverage_liq`, `coverage_candle`, `coverage_oi`, …), or null. */
function coverageKind(kind: string): PointKind | null {
  if (kind === 'coverage_liq') return 'liq';
  if (kind === 'coverage_candle') return 'candle';
  return contextOfCoverageRow(kind);
}

/** Why an amount cell is unacceptable, or null when it is a finite, non-negative number. */
export function badAmount(x: number, cell: string): string | null {
  if (Number.isNaN(x)) return cell === '' ? 'is empty' : `"${cell}" is not a number`;
  if (!Number.isFinite(x)) return `"${cell}" overflows (not a finite number)`;
  if (x < 0) return `"${cell}" is negative`;
  return null;
}

function isMarket(v: unknown): v is Market {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return (
    typeof m.symbol === 'string' &&
    typeof m.exchange === 'string' &&
    (m.margined === 'COIN' || m.margined === 'STABLE' || m.margined === 'MIXED') &&
    (m.covers === undefined || (Array.isArray(m.covers) && m.covers.every((c) => typeof c === 'string'))) &&
    typeof m.isPerpetual === 'boolean'
  );
}
