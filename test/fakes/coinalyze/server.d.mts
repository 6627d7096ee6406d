/** Types for the fake Coinalyze server (implemented in plain JS so `npm run dev:mock` runs it with node). */
import type { FakeContextKind, FakeOhlc } from './data.mjs';
export type FakeFault = '500' | '429' | 'malformed' | 'drop' | 'offgrid' | 'ms' | 'negative' | 'notarray';

/** One request as the fake saw it. */
export interface FakeLogEntry {
  path: string;
  /** Whether the request carried a Cookie header (proxies should strip it). */
  cookie?: boolean;
  symbols?: string[];
  interval?: string | null;
  at: number;
  status?: number;
  weight?: number;
  fault?: FakeFault;
}

/** A /future-markets row. */
export interface FakeMarketRow {
  symbol: string;
  exchange: string;
  base_asset: string;
  quote_asset: string;
  is_perpetual: boolean;
  expire_at: number | null;
  margined: 'COIN' | 'STABLE';
  oi_lq_vol_denominated_in: 'BASE_ASSET' | 'QUOTE_ASSET';
}

/** Options of the fake. */
export interface FakeOptions {
  now?: () => number;
  keys?: string[] | null;
  cors?: boolean;
  limitPerMin?: number;
  listedDaysAgo?: number;
  latencyMs?: number;
  /** Serve https with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Answers carry a Cloudflare-style Set-Cookie. */
  cookies?: boolean;
  /** The market list served (the full `makeMarkets` list when left out). */
  markets?: FakeMarketRow[];
}

/** A running fake. */
export interface FakeCoinalyze {
  markets: FakeMarketRow[];
  log: FakeLogEntry[];
  inject(...kinds: FakeFault[]): void;
  setLatency(ms: number): void;
  truth(symbol: string, interval: string, t: number): [number, number];
  /** A closed context bucket (OI in USD, funding in %), or null where the API leaves it out. */
  contextTruth(kind: FakeContextKind, symbol: string, interval: string, t: number): FakeOhlc | null;
  plant(symbol: string, t: number, long: number, short?: number): void;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Creates the fake (call listen()). */
export function createFakeCoinalyze(options?: FakeOptions): FakeCoinalyze;
