/** Sniffs a file's first kilobytes: delimiter, header, timestamp column and unit, interval, columns, units. */
import { BASE_INTERVAL_SECONDS, BASE_INTERVALS, type BaseInterval } from '../intervals';
import { ARCHIVE_HEADER } from './archive';
import { BARS_HEADER } from './bars';
import { REFERENCE_SYMBOL, symbolFromLabel } from './contracts';
import type { CandleMapping, GenericMapping, LiqPairMapping, SniffResult } from './mapping';
import { CsvParser } from './parser';
import { parseDecimal } from './row';
import { detectTimeUnit, parseTimestamp } from './timestamps';

const DELIMITERS = [',', ';', '\t', '|'];
const NOT_AMOUNT = /ratio|pct|percent|share|count|num|trades/i;

function sampleRows(text: string, delimiter: string, max: number): string[][] {
  const rows: string[][] = [];
  const p = new CsvParser((r) => {
    if (rows.length < max) rows.push(r.toArray());
  }, delimiter);
  try {
    // Cut at the last line break so a partial row does not skew the counts.
    const cut = text.lastIndexOf('\n');
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

/** Sniffs `text` (the file's first ~256 KB). */
export function sniff(text: string): SniffResult {
  const delimiter = detectDelimiter(text);
  const rows = sampleRows(text, delimiter, 400);
  const first = rows[0] ?? [];
  const joined = first.join(',').replace(/^\uFEFF/, '');
  if (joined === ARCHIVE_HEADER || joined === BARS_HEADER)
    return {
      format: joined === ARCHIVE_HEADER ? 'archive' : 'bars',
      header: first,
      preview: rows.slice(1, 11),
      mapping: null,
      unsure: [],
    };
  const unsure: string[] = [];
  const hasHeader = first.some((c) => !isNumeric(c) && detectTimeUnit([c]) === null);
  const body = hasHeader ? rows.slice(1) : rows;
  const width = first.length;
  const header = hasHeader ? first : first.map((_, i) => `column ${i + 1}`);
  if (!hasHeader) unsure.push('no header row: columns were guessed by position');
  const names = header.map((h) => h.trim().toLowerCase());
  const column = (i: number) => body.map((r) => r[i] ?? '');
  let timeColumn = -1;
  const preferred = names.findIndex((n) => /^(t|time|timestamp|date|datetime|open time|open_time)$/.test(n));
  for (const i of [preferred, ...header.keys()]) {
    if (i >= 0 && detectTimeUnit(column(i).slice(0, 50)) !== null) {
      timeColumn = i;
      break;
    }
  }
  if (timeColumn < 0) {
    return {
      format: 'generic',
      header,
      preview: body.slice(0, 10),
      mapping: null,
      unsure: ['no timestamp column found'],
    };
  }
  const timeUnit = detectTimeUnit(column(timeColumn).slice(0, 50)) ?? 'iso';
  if (timeUnit === 'naive') unsure.push('timestamps carry no time zone: choose their UTC offset');
  const times = column(timeColumn)
    .map((c) => parseTimestamp(c, timeUnit, 0))
    .filter((t): t is number => t !== null);
  const diffs = times
    .slice(1)
    .map((t, i) => Math.abs(t - (times[i] ?? t)))
    .filter((d) => d > 0);
  const interval = nearestInterval(median(diffs)) ?? 'daily';
  if (nearestInterval(median(diffs)) === null)
    unsure.push('the bar interval could not be read from the timestamps');

  const candles = detectCandles(names, width, hasHeader, timeColumn);
  const pairs = detectPairs(header, names, hasHeader, width, timeColumn, candles !== null);
  if (pairs.length > 1 && pairs.some((p) => p.symbol === REFERENCE_SYMBOL && !symbolFromLabel(p.label)))
    unsure.push('some column pairs do not name a known contract');
  let amountUnit: 'usd' | 'coin' = 'usd';
  if (pairs.length > 0) {
    // Pair labels like "BTC/USD - OKX" name the market, not the amount unit.
    const named = names
      .filter((_, i) => pairs.some((p) => p.long === i || p.short === i))
      .join(' ')
      .replace(/btc\s*\/\s*usd[tc]?/g, '');
    const values = pairs.flatMap((p) =>
      [...column(p.long), ...column(p.short)].map(Number).filter((x) => x > 0),
    );
    const m = median(values);
    if (/(^|[^a-z])(btc|coin|coins|base)([^a-z]|$)/.test(named)) amountUnit = 'coin';
    else if (/(^|[^a-z])usd([^a-z]|$)/.test(named)) amountUnit = 'usd';
    else {
      amountUnit = m < 10_000 ? 'coin' : 'usd';
      if (m > 500 && m < 50_000)
        unsure.push(`amounts (median ${Math.round(m)}) may be BTC or USD: check the unit`);
    }
  }
  if (pairs.length === 0 && !candles) unsure.push('no long/short or open/high/low/close columns found');
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
  };
  return { format: 'generic', header, preview: body.slice(0, 10), mapping, unsure };
}

function detectCandles(
  names: string[],
  width: number,
  hasHeader: boolean,
  timeColumn: number,
): CandleMapping | null {
  const find = (re: RegExp) => names.findIndex((n) => re.test(n));
  if (hasHeader) {
    const open = find(/^(open|o)$/);
    const high = find(/^(high|h)$/);
    const low = find(/^(low|l)$/);
    const close = find(/^(close|c)$/);
    if (open < 0 || high < 0 || low < 0 || close < 0) return null;
    return { symbol: REFERENCE_SYMBOL, open, high, low, close, volume: find(/^(volume|vol|v)$/) };
  }
  if (width >= 5 && timeColumn === 0)
    return { symbol: REFERENCE_SYMBOL, open: 1, high: 2, low: 3, close: 4, volume: width > 5 ? 5 : -1 };
  return null;
}

function detectPairs(
  header: string[],
  names: string[],
  hasHeader: boolean,
  width: number,
  timeColumn: number,
  isCandles: boolean,
): LiqPairMapping[] {
  if (!hasHeader) {
    // Headerless "time, long, short" (the Coinalyze-Backtester layout).
    return width === 3 && timeColumn === 0 && !isCandles
      ? [{ label: 'columns 2 and 3', symbol: REFERENCE_SYMBOL, long: 1, short: 2 }]
      : [];
  }
  const shorts = new Map<string, number>();
  const longs: Array<[string, number]> = [];
  names.forEach((n, i) => {
    if (i === timeColumn || NOT_AMOUNT.test(n)) return;
    const m = /(^|[^a-z])(longs?|shorts?)([^a-z]|$)/.exec(n);
    if (!m) return;
    const key = n.replace(/(^|[^a-z])(longs?|shorts?)([^a-z]|$)/, '$1{}$3');
    if ((m[2] ?? '').startsWith('long')) longs.push([key, i]);
    else shorts.set(key, i);
  });
  const pairs: LiqPairMapping[] = [];
  for (const [key, long] of longs) {
    const short = shorts.get(key);
    if (short === undefined) continue;
    const raw = header[long] ?? '';
    const label = raw.replace(/[\s_-]*(longs?|shorts?)[\s_-]*/i, ' ').trim();
    const symbol =
      symbolFromLabel(label.replace(/\s*(liq|liquidations?|usd|btc)\s*$/i, '')) ?? REFERENCE_SYMBOL;
    pairs.push({ label: label || raw, symbol, long, short });
  }
  return pairs;
}
