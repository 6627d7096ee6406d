/**
 * Coinalyze wire formats, parsed strictly: a malformed body is an error to retry, never data to store.
 * Also the contract selection rules and what a refresh costs against the budget.
 */
import { CALLS_PER_MINUTE, MAX_SYMBOLS_PER_REQUEST } from './budget';
import type { Margin, Market } from './market';

/** One liquidation bucket (USD with convert_to_usd=true). */
export interface WireLiq {
  t: number;
  l: number;
  s: number;
}

/** One OHLCV bucket. */
export interface WireCandle {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

/** Thrown when a 200 body does not have the documented shape. */
export class MalformedResponse extends Error {}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function num(o: Record<string, unknown>, k: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new MalformedResponse(`field ${k} is not a number`);
  return v;
}

/** Parses `[{symbol, history: [...]}]` into symbol → rows, validating every row. */
export function parseHistory<T>(body: unknown, row: (o: Record<string, unknown>) => T): Map<string, T[]> {
  if (!Array.isArray(body)) throw new MalformedResponse('history body is not an array');
  const out = new Map<string, T[]>();
  for (const item of body) {
    if (!isObj(item) || typeof item.symbol !== 'string' || !Array.isArray(item.history)) {
      throw new MalformedResponse('history item lacks symbol/history');
    }
    out.set(
      item.symbol,
      item.history.map((h: unknown) => {
        if (!isObj(h)) throw new MalformedResponse('history row is not an object');
        return row(h);
      }),
    );
  }
  return out;
}

/** Row parser for /liquidation-history. */
export const liqRow = (o: Record<string, unknown>): WireLiq => ({
  t: num(o, 't'),
  l: num(o, 'l'),
  s: num(o, 's'),
});

/** Row parser for /ohlcv-history. */
export const candleRow = (o: Record<string, unknown>): WireCandle => ({
  t: num(o, 't'),
  o: num(o, 'o'),
  h: num(o, 'h'),
  l: num(o, 'l'),
  c: num(o, 'c'),
  v: num(o, 'v'),
});

/** Parses /future-markets into our Market type; rows with unknown shapes are skipped, not fatal. */
export function parseMarkets(body: unknown): Market[] {
  if (!Array.isArray(body)) throw new MalformedResponse('future-markets body is not an array');
  const out: Market[] = [];
  for (const r of body) {
    if (!isObj(r) || typeof r.symbol !== 'string' || typeof r.exchange !== 'string') continue;
    const margined: Margin = r.margined === 'COIN' ? 'COIN' : 'STABLE';
    out.push({
      symbol: r.symbol,
      exchange: r.exchange,
      symbolOnExchange: typeof r.symbol_on_exchange === 'string' ? r.symbol_on_exchange : r.symbol,
      baseAsset: typeof r.base_asset === 'string' ? r.base_asset : '',
      quoteAsset: typeof r.quote_asset === 'string' ? r.quote_asset : '',
      isPerpetual: r.is_perpetual === true,
      expireAt: typeof r.expire_at === 'number' ? r.expire_at : null,
      margined,
      denominatedIn: r.oi_lq_vol_denominated_in === 'QUOTE_ASSET' ? 'QUOTE_ASSET' : 'BASE_ASSET',
      hasOhlcv: r.has_ohlcv_data !== false,
    });
  }
  return out;
}

/** One exchange from `/exchanges`: its code (the symbol suffix, e.g. `A`) and display name. */
export interface Exchange {
  code: string;
  name: string;
}

/** kv key of the cached `/exchanges` list, refreshed with the markets. */
export const EXCHANGES_KEY = 'exchanges';

/** Parses `/exchanges`; rows without a string code and name are skipped. */
export function parseExchanges(body: unknown): Exchange[] {
  if (!Array.isArray(body)) throw new MalformedResponse('exchanges body is not an array');
  const out: Exchange[] = [];
  for (const r of body)
    if (isObj(r) && typeof r.code === 'string' && typeof r.name === 'string')
      out.push({ code: r.code, name: r.name });
  return out;
}

/** Which contracts the user wants fetched. */
export interface ContractSelection {
  margin: 'both' | Margin;
  perpetual: boolean;
  dated: boolean;
  /** Exchange codes left out; empty keeps all. */
  excludedExchanges: string[];
}

/** Default: every perpetual and unexpired dated future of the asset quoted in USD/USDT/USDC, both margins. */
export const DEFAULT_SELECTION: ContractSelection = {
  margin: 'both',
  perpetual: true,
  dated: true,
  excludedExchanges: [],
};

const QUOTES = new Set(['USD', 'USDT', 'USDC']);

/** True when `m` is a contract the default selection would fetch for its asset (USD-like quote, not expired). */
export function isFetchable(m: Market, nowMs: number): boolean {
  return QUOTES.has(m.quoteAsset) && (m.isPerpetual || (m.expireAt !== null && m.expireAt > nowMs));
}

/** The contracts of `asset` to fetch now. Expired futures drop out here but keep their stored history. */
export function selectContracts(
  markets: readonly Market[],
  sel: ContractSelection,
  nowMs: number,
  asset: string,
): Market[] {
  return markets
    .filter(
      (m) =>
        m.baseAsset === asset &&
        isFetchable(m, nowMs) &&
        (m.isPerpetual ? sel.perpetual : sel.dated) &&
        (sel.margin === 'both' || m.margined === sel.margin) &&
        !sel.excludedExchanges.includes(m.exchange),
    )
    .sort((a, b) => a.symbol.localeCompare(b.symbol));
}

/** Calls and minutes of budget one refresh of `contracts` at `intervals` costs (plus one reference call each). */
export function refreshCost(
  contracts: number,
  intervals: number,
): { calls: number; requests: number; minutes: number } {
  const calls = (contracts + 1) * intervals;
  const requests = Math.ceil(contracts / MAX_SYMBOLS_PER_REQUEST) * intervals + intervals;
  return { calls, requests, minutes: calls / CALLS_PER_MINUTE };
}
