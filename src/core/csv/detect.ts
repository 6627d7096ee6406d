/** Sniffs a file's first kilobytes: delimiter, header, timestamp column and unit, interval, columns, units. */
import { BASE_INTERVAL_SECONDS, BASE_INTERVALS, type BaseInterval } from '../intervals';
import { ARCHIVE_HEADER } from './archive';
import { barsHeaderExchanges } from './bars';
import { REFERENCE_SYMBOL } from './contracts';
import { detectCandles, detectPairs, normaliseName } from './detect-columns';
import { contextIntervalProblem, contextIntervals, detectContext } from './detect-context';
import type { ContextColumnMapping, GenericMapping, LiqPairMapping, SniffResult } from './mapping';
import { AGGREGATE_PREFIX, aggregateSymbol, exchangesInName } from './names';
import { CsvParser } from './parser';
import { parseDecimal } from './row';
import { timeRangeProblem } from './time-range';
import { detectTimeUnit, parseTimestamp } from './timestamps';

const DELIMITERS = [',', ';', '\t', '|'];

function sampleRows(text: string, delimiter: string, max: number, complete = false): string[][] {
  const rows: string[][] = [];
  const p = new CsvParser((r) => {
    if (rows.length < max) rows.push(r.toArray());
  }, delimiter);
  try {
    // Cut at the last line break so a partial row does not skew the counts (unless the sample is the whole file).
    const cut = complete ? -1 : text.lastIndexOf('\n');
    p.push(cut > 0 ? text.slice(0, cut + 1) : text);
    p.end();
  } catch {
    // An unterminated quote in the sample: use the rows read so far.
  }
  return rows;
}

/** The delimiter giving the most columns consistently over the sample. */
export function detectDelimiter(text: string): string {
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const rows = sampleRows(text, d, 30);
    const n = rows[0]?.length ?? 0;
    const consistent = rows.filter((r) => r.length === n).length / Math.max(1, rows.length);
    const score = n > 1 ? n * consistent : 0;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function isNumeric(s: string): boolean {
  return s.trim() === '' || !Number.isNaN(parseDecimal(s.trim()));
}

function nearestInterval(seconds: number): BaseInterval | null {
  return BASE_INTERVALS.find((iv) => BASE_INTERVAL_SECONDS[iv] === seconds) ?? null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const TIME_NAME =
  /^(t|ts|time|timestamp|date|datetime|date_time|open time|open_time|time_open|unix|unix_time)$/;

/** The timestamp column: a time-like header name first, then any column; decided by the majority of its values. */
function findTimeColumn(names: readonly string[], column: (i: number) => string[]): number {
  const byName = names.flatMap((n, i) => (TIME_NAME.test(normaliseName(n)) ? [i] : []));
  for (const i of [...byName, ...names.keys()]) if (detectTimeUnit(column(i)) !== null) return i;
  return -1;
}

function refusal(header: string[], preview: string[][], why: string): SniffResult {
  return { format: 'generic', header, preview, mapping: null, unsure: [why] };
}

/**
 * Sniffs `text` (the file's first ~256 KB; `complete` when that is the whole file). `fileName` names the synthetic
 * aggregate that liquidation columns naming no contract are stored under.
 */
export function sniff(text: string, fileName = '', complete = true, nowSec = Date.now() / 1000): SniffResult {
  if (text.replace(/^\uFEFF/, '').trim() === '')
    return refusal([], [], 'the file is empty: no header and no rows');
  const delimiter = detectDelimiter(text);
  const rows = sampleRows(text, delimiter, 400, complete);
  const first = rows[0] ?? [];
  const joined = first.join(',').replace(/^\uFEFF/, '');
  const headerOnly = (h: string[]) =>
    refusal(h, [], 'the file has a header row but no data rows (nothing to import)');
  if (joined === ARCHIVE_HEADER || barsHeaderExchanges(joined) !== null) {
    if (complete && rows.length === 1) return headerOnly(first);
    return {
      format: joined === ARCHIVE_HEADER ? 'archive' : 'bars',
      header: first,
      preview: rows.slice(1, 11),
      mapping: null,
      unsure: [],
    };
  }
  const unsure: string[] = [];
  const hasHeader = first.some((c) => !isNumeric(c) && detectTimeUnit([c]) === null);
  if (hasHeader && complete && rows.length === 1) return headerOnly(first);
  const body = hasHeader ? rows.slice(1) : rows;
  const header = hasHeader ? first : first.map((_, i) => `column ${i + 1}`);
  if (!hasHeader) unsure.push('no header row: columns were guessed by position');
  const column = (i: number) => body.map((r) => r[i] ?? '');
  const timeColumn = findTimeColumn(header, column);
  if (timeColumn < 0)
    return refusal(
      header,
      body.slice(0, 10),
      'no timestamp column found: no column holds mostly unix seconds, unix milliseconds or dates',
    );
  const timeUnit = detectTimeUnit(column(timeColumn)) ?? 'iso';
  if (timeUnit === 'naive') unsure.push('timestamps carry no time zone: choose their UTC offset');
  // The bar interval from the importable times in order: odd lines (a 0, a year 9999) must not decide it.
  const times = column(timeColumn)
    .map((c) => parseTimestamp(c, timeUnit, 0))
    .filter((t): t is number => t !== null && timeRangeProblem(t, nowSec) === null)
    .sort((a, b) => a - b);
  const diffs = times
    .slice(1)
    .map((t, i) => t - (times[i] ?? t))
    .filter((d) => d > 0);

  const aggregate = aggregateSymbol(fileName || 'import');
  const pairs = detectPairs(
    header,
    hasHeader,
    timeColumn,
    detectCandles(header, hasHeader, timeColumn) !== null,
    aggregate,
  );
  const taken = new Set([timeColumn, ...pairs.flatMap((p) => [p.long, p.short])]);
  const firstAggregate = pairs.find((p) => p.symbol.startsWith(AGGREGATE_PREFIX))?.symbol;
  // Open interest and funding name no contract in other tools' files: they go with the file's aggregate.
  const context = hasHeader ? detectContext(header, taken, firstAggregate ?? aggregate, unsure) : [];
  const owner = firstAggregate ?? (context.length > 0 ? aggregate : undefined);
  // An unnamed file's candles are its aggregate's prices; otherwise they are the reference market's.
  const candles = detectCandles(header, hasHeader, timeColumn, owner ?? REFERENCE_SYMBOL);
  const amountUnit = pairs.length > 0 ? detectAmountUnit(header, pairs, column, unsure) : 'usd';
  if (pairs.length === 0 && !candles && context.length === 0)
    unsure.push('no long/short, open/high/low/close, open interest or funding columns found');
  const interval = barInterval(median(diffs), pairs.length === 0 && !candles ? context : [], unsure);
  for (const c of context)
    if (!contextIntervals(c.kind).includes(interval)) unsure.push(contextIntervalProblem(c, interval));
  const mapping: GenericMapping = {
    delimiter,
    hasHeader,
    timeColumn,
    timeUnit,
    utcOffsetHours: 0,
    interval,
    pairs,
    amountUnit,
    candles,
    context,
    covers: owner ? exchangesInName(fileName) : [],
    // With candles in the file, an hour it lacks is missing (no candle either), not calm.
    omitted: candles && pairs.length > 0 ? 'gap' : 'zero',
  };
  return { format: 'generic', header, preview: body.slice(0, 10), mapping, unsure };
}

/**
 * The base interval of rows `step` seconds apart. A file of nothing but open interest or funding whose step is no
 * base interval (funding settled every 8 h) is put on the coarsest grid the chart reads those kinds at that divides
 * the step (1hour), the buckets between rows staying gaps; anything else unknown is `daily`, flagged as unsure.
 */
function barInterval(
  step: number,
  contextOnly: readonly ContextColumnMapping[],
  unsure: string[],
): BaseInterval {
  const exact = nearestInterval(step);
  if (exact) return exact;
  const fits = BASE_INTERVALS.filter(
    (iv) =>
      step % BASE_INTERVAL_SECONDS[iv] === 0 &&
      contextOnly.every((c) => contextIntervals(c.kind).includes(iv)),
  );
  const grid = contextOnly.length > 0 ? fits[fits.length - 1] : undefined;
  if (grid) {
    unsure.push(
      `rows are ${step / 3600} h apart, which is no stored interval: they are stored on the ${grid} grid and the buckets between rows stay gaps`,
    );
    return grid;
  }
  unsure.push('the bar interval could not be read from the timestamps');
  return 'daily';
}

function detectAmountUnit(
  header: readonly string[],
  pairs: readonly LiqPairMapping[],
  column: (i: number) => string[],
  unsure: string[],
): 'usd' | 'coin' {
  // Pair labels like "BTC/USD - OKX" or "ETH/USDT - Bybit" name the market, not the amount unit.
  const named = header
    .filter((_, i) => pairs.some((p) => p.long === i || p.short === i))
    .map(normaliseName)
    .join(' ')
    .replace(/[a-z0-9]+\s*\/\s*usd[tc]?/g, '');
  if (/(^|[^a-z])(btc|xbt|eth|sol|coin|coins|base)([^a-z]|$)/.test(named)) return 'coin';
  if (/(^|[^a-z])usd([^a-z]|$)/.test(named)) return 'usd';
  const values = pairs.flatMap((p) =>
    [...column(p.long), ...column(p.short)].map(Number).filter((x) => x > 0),
  );
  const m = median(values);
  if (m > 500 && m < 50_000)
    unsure.push(`amounts (median ${Math.round(m)}) may be coins (BTC, ETH, …) or USD: check the unit`);
  return m < 10_000 ? 'coin' : 'usd';
}
