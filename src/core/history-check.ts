/**
 * Coinalyze history answers, checked before anything is stored. The API is untrusted: a point off the bucket
 * grid or outside the requested range, a negative or non-finite value, a timestamp in milliseconds, a symbol
 * that was not asked for or an answer that is not the documented shape makes the whole answer malformed, so
 * nothing is written and coverage is not extended. A requested symbol the answer leaves out is reported as
 * absent (its coverage must stay as it was), never read as "all zero".
 */
import type { WireCandle, WireLiq } from './coinalyze';
import { MalformedResponse } from './coinalyze';
import type { WireOhlc } from './context/series';

/** What was asked: the bucket grid and the half-open range [from, to) in unix seconds. */
export interface HistoryRequest {
  symbols: readonly string[];
  step: number;
  from: number;
  to: number;
}

/** A malformed answer, with the symbols at fault (every requested symbol when it cannot be pinned down). */
export class MalformedHistory extends MalformedResponse {
  constructor(
    message: string,
    readonly symbols: readonly string[],
  ) {
    super(message);
  }
}

/** A well-formed answer: rows per present symbol, and the requested symbols it left out. */
export interface CheckedHistory<T> {
  rows: Map<string, T[]>;
  absent: string[];
}

/** Seconds since the epoch stay below this until the year 5138; a `t` above it is a millisecond timestamp. */
const MAX_SECONDS = 1e11;

type Row<T> = (o: Record<string, unknown>) => T;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function field(o: Record<string, unknown>, k: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new Error(`${k} is ${JSON.stringify(v) ?? 'missing'}`);
  return v;
}

/** Liquidation row: USD amounts, never negative. */
export const checkedLiqRow: Row<WireLiq> = (o) => {
  const r = { t: field(o, 't'), l: field(o, 'l'), s: field(o, 's') };
  if (r.l < 0 || r.s < 0) throw new Error(`negative liquidation at t=${r.t}`);
  return r;
};

/** Candle row: positive prices with low ≤ open, close ≤ high, and a volume that is not negative. */
export const checkedCandleRow: Row<WireCandle> = (o) => {
  const r = {
    t: field(o, 't'),
    o: field(o, 'o'),
    h: field(o, 'h'),
    l: field(o, 'l'),
    c: field(o, 'c'),
    v: field(o, 'v'),
  };
  const ordered = r.l > 0 && r.l <= Math.min(r.o, r.c) && r.h >= Math.max(r.o, r.c);
  if (!ordered || r.v < 0) throw new Error(`inconsistent candle at t=${r.t}`);
  return r;
};

function ohlc(o: Record<string, unknown>): WireOhlc {
  const r = { t: field(o, 't'), o: field(o, 'o'), h: field(o, 'h'), l: field(o, 'l'), c: field(o, 'c') };
  if (!(r.l <= Math.min(r.o, r.c) && r.h >= Math.max(r.o, r.c)))
    throw new Error(`inconsistent OHLC at t=${r.t} (low above open/close or high below them)`);
  return r;
}

/** Open-interest row (USD): an ordered OHLC that is never negative. */
export const checkedOiRow: Row<WireOhlc> = (o) => {
  const r = ohlc(o);
  if (r.l < 0) throw new Error(`negative open interest at t=${r.t}`);
  return r;
};

/** Funding-rate row (%, may be negative): an ordered OHLC of finite numbers. */
export const checkedRateRow: Row<WireOhlc> = ohlc;

function checkTime(t: number, req: HistoryRequest): void {
  if (t > MAX_SECONDS) throw new Error(`timestamp ${t} is in milliseconds, not seconds`);
  if (!Number.isInteger(t) || t % req.step !== 0)
    throw new Error(`timestamp ${t} is off the ${req.step} s grid`);
  if (t < req.from || t >= req.to)
    throw new Error(`timestamp ${t} is outside the requested [${req.from}, ${req.to})`);
}

/** Checks a `[{symbol, history}]` answer against its request; throws MalformedHistory when anything is off. */
export function checkHistory<T extends { t: number }>(
  body: unknown,
  row: Row<T>,
  req: HistoryRequest,
): CheckedHistory<T> {
  const all = req.symbols;
  if (!Array.isArray(body)) throw new MalformedHistory('the answer is not a list', all);
  const rows = new Map<string, T[]>();
  for (const item of body) {
    if (!isObj(item) || typeof item.symbol !== 'string' || !Array.isArray(item.history))
      throw new MalformedHistory('an entry lacks symbol or history', all);
    const symbol = item.symbol;
    if (!all.includes(symbol)) throw new MalformedHistory(`${symbol} was not asked for`, all);
    if (rows.has(symbol)) throw new MalformedHistory(`${symbol} appears twice`, [symbol]);
    const seen = new Set<number>();
    const out: T[] = [];
    for (const h of item.history as unknown[]) {
      try {
        if (!isObj(h)) throw new Error('a row is not an object');
        const r = row(h);
        checkTime(r.t, req);
        if (seen.has(r.t)) throw new Error(`timestamp ${r.t} appears twice`);
        seen.add(r.t);
        out.push(r);
      } catch (e) {
        throw new MalformedHistory(`${symbol}: ${e instanceof Error ? e.message : String(e)}`, [symbol]);
      }
    }
    rows.set(symbol, out);
  }
  return { rows, absent: all.filter((s) => !rows.has(s)) };
}
