/**
 * IndexedDB schema. Series live in columnar chunks: one record holds CHUNK_SLOTS consecutive buckets of one
 * contract at one base interval as typed arrays (see docs/storage-design.md for why).
 */
import type { DBSchema, IDBPTransaction } from 'idb';
import type { ContextKind } from '../core/context/series';
import type { BaseInterval } from '../core/intervals';
import type { Market } from '../core/market';

/** Buckets per chunk record; a chunk starts at a multiple of CHUNK_SLOTS × interval seconds. */
export const CHUNK_SLOTS = 4096;

/** Liquidations of one contract: USD per bucket, 0 where nothing was liquidated. */
export interface LiqChunk {
  symbol: string;
  interval: BaseInterval;
  start: number;
  long: Float64Array;
  short: Float64Array;
}

/** Candles of one market; NaN where there is no candle. */
export interface CandleChunk {
  symbol: string;
  interval: BaseInterval;
  start: number;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Which kind of series a coverage record describes. */
export type SeriesKind = 'liq' | 'candle';

/** Time ranges known for one series, as sorted, disjoint, half-open [from, to) pairs in unix seconds. */
export interface Coverage {
  kind: SeriesKind;
  symbol: string;
  interval: BaseInterval;
  ranges: Array<[number, number]>;
}

/** One contract's OHLC of a context metric (OI in USD, funding in %); NaN where the API sent nothing (a gap). */
export interface OhlcChunk {
  kind: ContextKind;
  symbol: string;
  interval: BaseInterval;
  start: number;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
}

/** Time ranges fetched for one context series (inside them a NaN bucket is a gap the API left, not zero). */
export interface ContextCoverage {
  kind: ContextKind;
  symbol: string;
  interval: BaseInterval;
  ranges: Array<[number, number]>;
}

/**
 * Open interest summed over a contract group (v9): per bucket the sum of the members' opens and closes that have
 * a value, and how many members that is (0: a gap, the sums are then exactly 0).
 */
export interface OiGroupChunk {
  group: string;
  interval: BaseInterval;
  start: number;
  open: Float64Array;
  close: Float64Array;
  count: Uint16Array;
}

/** One queued outgoing alert (filled in by the alerts feature). */
export interface OutboxRecord {
  id: string;
  createdAt: number;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  payload: unknown;
  error?: string;
  /** When it was delivered (alerts feature). */
  sentAt?: number;
  /** Set while one sender has it in flight, so a new leader does not send it twice (alerts feature). */
  claimedAt?: number;
}

/** The whole schema as idb types it. */
export interface LiqLabDB extends DBSchema {
  liqChunks: { key: [string, BaseInterval, number]; value: LiqChunk };
  candleChunks: { key: [string, BaseInterval, number]; value: CandleChunk };
  coverage: { key: [SeriesKind, string, BaseInterval]; value: Coverage };
  markets: { key: string; value: Market };
  kv: { key: string; value: unknown };
  outbox: { key: string; value: OutboxRecord; indexes: { byStatus: string } };
  /**
   * Alert de-duplication and cooldown keys (alerts feature, v5), per asset since v10: `BTC:spike:<id>`,
   * `ETH:touch:<id>`, `cool:<asset>:<bucket>`.
   */
  alertKeys: { key: string; value: { at: number; suppressed?: boolean } };
  /**
   * Pre-summed liquidations per contract group (v7): `symbol` holds the group key, asset and filter (`BTC/all`,
   * `ETH/margin:COIN`, …; v10, see `groupKey`).
   */
  liqGroups: { key: [string, BaseInterval, number]; value: LiqChunk };
  /** Which contracts each group chunk series sums (v7). */
  liqGroupMembers: { key: [string, BaseInterval]; value: GroupMembers };
  /** Coinalyze calls spent (v8): written before each request goes out, read by every new leader. */
  budget: { key: number; value: BudgetEntry };
  /** Open interest and funding per contract (v9), keyed by kind, symbol, interval and chunk start. */
  ctxChunks: { key: [ContextKind, string, BaseInterval, number]; value: OhlcChunk };
  /** Coverage of each context series (v9), apart from `coverage` so liquidation tools never meet these kinds. */
  ctxCoverage: { key: [ContextKind, string, BaseInterval]; value: ContextCoverage };
  /** Open interest pre-summed per contract group (v9); keys as in `liqGroups`. */
  oiGroups: { key: [string, BaseInterval, number]; value: OiGroupChunk };
  /** Which contracts each OI group series sums (v9). */
  oiGroupMembers: { key: [string, BaseInterval]; value: GroupMembers };
}

/** One request's cost against the per-minute budget: when it went out (ms) and how many symbols it carried. */
export interface BudgetEntry {
  at: number;
  weight: number;
}

/** The contracts summed into one group's series at one interval, sorted. */
export interface GroupMembers {
  group: string;
  interval: BaseInterval;
  members: string[];
}

/** Names of every object store, for whole-database operations (export, clear). */
export type StoreName =
  | 'liqChunks'
  | 'candleChunks'
  | 'coverage'
  | 'markets'
  | 'kv'
  | 'outbox'
  | 'alertKeys'
  | 'liqGroups'
  | 'liqGroupMembers'
  | 'budget'
  | 'ctxChunks'
  | 'ctxCoverage'
  | 'oiGroups'
  | 'oiGroupMembers';

/** The open interest and funding stores (v9) that a write or delete of context series opens besides `markets`. */
export const CONTEXT_STORES = ['ctxChunks', 'ctxCoverage', 'oiGroups', 'oiGroupMembers'] as const;

/** True when the database has the open interest and funding stores (schema ≥ 9). */
export function hasContextStores(db: { objectStoreNames: DOMStringList }): boolean {
  return db.objectStoreNames.contains('ctxChunks');
}

/** Every store an import or a delete of stored series may open: series, coverage, groups and markets. */
export type SeriesStores = (
  | 'liqChunks'
  | 'candleChunks'
  | 'coverage'
  | 'markets'
  | 'liqGroups'
  | 'liqGroupMembers'
  | (typeof CONTEXT_STORES)[number]
)[];

/** A write transaction over every store an import or a delete of stored series may open. */
export type SeriesWriteTx = IDBPTransaction<LiqLabDB, SeriesStores, 'readwrite'>;

/** The open interest and funding stores with `markets`: what a context write, import or delete opens. */
export type ContextStores = ('markets' | (typeof CONTEXT_STORES)[number])[];

/** A write transaction over ContextStores. */
export type ContextWriteTx = IDBPTransaction<LiqLabDB, ContextStores, 'readwrite'>;
