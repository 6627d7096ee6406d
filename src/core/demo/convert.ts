/**
 * Turns the recorded Binance BTCUSDT-perp hourly files (shared/data/real 3a + 3b) into a clean frame.
 * Quirks handled (see that folder's README): labels are naive UTC+6, the liquidation file repeats 19 rows
 * and misses 19 hours, and liquidations are in BTC, converted to USD with the same hour's close.
 */
import type { CandleSeries } from '../series';
import { parseNaiveTime, type UnixSeconds } from '../time';

/** What the conversion produces: one dense hourly grid of candles and liquidations in USD. */
export interface DemoFrame extends CandleSeries {
  longUsd: Float64Array;
  shortUsd: Float64Array;
  /** What was repaired, for the build script's log and the tests. */
  report: { duplicatesDropped: number; missingHoursZeroed: number; rows: number };
}

/** The recorded files' timestamps are UTC+6 wall-clock labels. */
export const DEMO_SOURCE_UTC_OFFSET_HOURS = 6;
const HOUR = 3600;

interface Row {
  t: number;
  cells: number[];
}

function parseRows(text: string, expectedCells: number, what: string): Row[] {
  const rows: Row[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    const parts = line.split(',');
    const label = parts[0] ?? '';
    const t = parseNaiveTime(label, DEMO_SOURCE_UTC_OFFSET_HOURS);
    if (t === null) throw new Error(`${what} line ${i + 1}: bad timestamp "${label}"`);
    const cells = parts.slice(1).map(Number);
    if (cells.length !== expectedCells || cells.some((v) => !Number.isFinite(v))) {
      throw new Error(`${what} line ${i + 1}: expected ${expectedCells} numbers after the timestamp`);
    }
    rows.push({ t, cells });
  }
  return rows;
}

/** Converts the liquidation CSV (time,long_btc,short_btc) and OHLCV CSV (time,o,h,l,c,v,bv,tx,btx). */
export function convertDemo(liqCsv: string, ohlcvCsv: string): DemoFrame {
  const candles = parseRows(ohlcvCsv, 8, 'ohlcv');
  const liqs = parseRows(liqCsv, 2, 'liquidations');
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (!first || !last) throw new Error('ohlcv: no rows');
  const start = first.t as UnixSeconds;
  const n = (last.t - first.t) / HOUR + 1;
  const frame: DemoFrame = {
    start,
    step: HOUR,
    open: new Float64Array(n).fill(Number.NaN),
    high: new Float64Array(n).fill(Number.NaN),
    low: new Float64Array(n).fill(Number.NaN),
    close: new Float64Array(n).fill(Number.NaN),
    volume: new Float64Array(n).fill(Number.NaN),
    longUsd: new Float64Array(n),
    shortUsd: new Float64Array(n),
    report: { duplicatesDropped: 0, missingHoursZeroed: 0, rows: n },
  };
  for (const { t, cells } of candles) {
    const i = (t - start) / HOUR;
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new Error(`ohlcv: time ${t} is off the hourly grid`);
    [frame.open[i], frame.high[i], frame.low[i], frame.close[i], frame.volume[i]] = cells;
  }
  const seen = new Uint8Array(n);
  for (const { t, cells } of liqs) {
    const i = (t - start) / HOUR;
    if (!Number.isInteger(i) || i < 0 || i >= n)
      throw new Error(`liquidations: time ${t} is off the candle grid`);
    if (seen[i]) {
      frame.report.duplicatesDropped++;
      continue;
    }
    seen[i] = 1;
    const close = frame.close[i] ?? Number.NaN;
    if (!Number.isFinite(close)) throw new Error(`liquidations: no candle close to convert hour ${t} to USD`);
    frame.longUsd[i] = (cells[0] ?? 0) * close;
    frame.shortUsd[i] = (cells[1] ?? 0) * close;
  }
  frame.report.missingHoursZeroed = seen.reduce((acc, v) => acc + (v ? 0 : 1), 0);
  return frame;
}
