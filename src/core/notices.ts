/**
 * Typed messages between tabs and workers on one BroadcastChannel (data flows one way: notices only). The bus
 * that carries them is `src/platform/notice-bus.ts`; this module is the vocabulary and its validator.
 */
import { type ContextKind, isContextKind } from './context/series';
import { BASE_INTERVALS, type BaseInterval } from './intervals';

/** Name of the channel every tab and worker listens on. */
export const NOTICE_CHANNEL = 'liqlab';

/** Stored data changed: `kind` series of `symbols` at `interval` over [from, to) (unix seconds). */
export interface DataChanged {
  type: 'data-changed';
  db: 'archive' | 'demo';
  kind: 'liq' | 'candle';
  interval: BaseInterval;
  symbols: string[];
  from: number;
  to: number;
  /**
   * True when `from` already includes every stored value the write changed (group sums re-rounded by a recompute
   * included); otherwise a reader widens it to the storage chunk.
   */
  exact?: boolean;
}

/**
 * Stored open interest or funding changed: `kind` of `symbols` at `interval` over [from, to). A type of its own,
 * not a `data-changed` kind: a page from before it drops the unknown type, and every reader of `data-changed`
 * (frame caches, alert analyzers) keeps seeing only liquidations and candles.
 */
export interface ContextChanged {
  type: 'context-changed';
  db: 'archive' | 'demo';
  kind: ContextKind;
  interval: BaseInterval;
  symbols: string[];
  from: number;
  to: number;
}

/** What can be announced. */
export type Notice =
  | DataChanged
  | ContextChanged
  /** Settings were saved (any tab): every reader re-reads them. */
  | { type: 'settings-changed' }
  /** The fetching tab's status, for every tab's status bar. */
  | { type: 'status'; status: FetchStatus }
  /** A page just opened: the leader posts its current status (it posts only changes otherwise). */
  | { type: 'status-request' }
  /** The stored market list or exchange names changed: contract pickers re-read them. */
  | { type: 'markets-changed' }
  /** The alert log changed (queued, sent, failed): pages redraw it. */
  | { type: 'alerts-changed' }
  /** Test hook: the leader's fetch loop throws at its next turn (end-to-end tests prove another tab takes over). */
  | { type: 'crash-leader' };

/** Fetch states: `offline` covers both the browser saying so and requests failing for network reasons. */
export type FetchState = 'idle' | 'live' | 'offline' | 'key-rejected' | 'error';

/** One base interval's share of a running backfill. */
export interface IntervalBackfill {
  interval: BaseInterval;
  /** Work done and planned for this interval's backfill, in one unit of the fetcher's choice (series or calls); the page shows done / total. */
  done: number;
  total: number;
  /** Of those not done, the series set aside for now (the status message names them): not waited for. */
  paused?: number;
}

/** Series backfilled of those planned (the open interest and funding backfill). */
export interface SeriesCount {
  done: number;
  total: number;
  /** Of those not done, the series set aside for now (the status message names them): not waited for. */
  paused?: number;
}

/** What the fetching tab reports for every tab's status bar. */
export interface FetchStatus {
  state: FetchState;
  /** Calls actually spent in the last 60 s, from the budget ledger. */
  callsUsed: number;
  callsBudget: number;
  /** 0…1, or null when no backfill is running. */
  backfill: number | null;
  lastUpdate: number | null;
  message: string | null;
  /** Per-interval progress of the running backfill, in fetch order; absent or null when none runs. */
  intervals?: IntervalBackfill[] | null;
  /** Unix seconds when the running backfill should be done at the current budget; absent or null when unknown. */
  completeAt?: number | null;
  /**
   * Open interest and funding series backfilled of those planned: they fill in after liquidations and candles, so
   * the status bar says so instead of "idle". Absent (a fetcher from before it) or null when none remains.
   */
  contextBackfill?: SeriesCount | null;
  /**
   * Unix seconds when the open interest and funding backfill should be done, at what their requests may use of the
   * budget; absent or null while liquidations and candles still fill (or when none remains).
   */
  contextCompleteAt?: number | null;
}

const STATES: readonly string[] = ['idle', 'live', 'offline', 'key-rejected', 'error'];

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

const isNum = (v: unknown): v is number => typeof v === 'number';
const isNumOrNull = (v: unknown) => v === null || isNum(v);

/**
 * A count the status bar can show as done/total: whole numbers, at least one planned, no more done than that, and
 * no more paused (when given) than are not done.
 */
export function isSeriesCount(v: unknown): v is SeriesCount {
  if (!isObj(v)) return false;
  const { done, total, paused = 0 } = v;
  return (
    isNum(done) &&
    isNum(total) &&
    isNum(paused) &&
    Number.isInteger(done) &&
    Number.isInteger(total) &&
    Number.isInteger(paused) &&
    done >= 0 &&
    done <= total &&
    total >= 1 &&
    paused >= 0 &&
    paused <= total - done
  );
}

/** True when `v` has every field a FetchStatus needs. */
export function isFetchStatus(v: unknown): v is FetchStatus {
  return (
    isObj(v) &&
    typeof v.state === 'string' &&
    STATES.includes(v.state) &&
    isNum(v.callsUsed) &&
    isNum(v.callsBudget) &&
    isNumOrNull(v.backfill) &&
    isNumOrNull(v.lastUpdate) &&
    (v.message === null || typeof v.message === 'string') &&
    (v.contextBackfill === undefined || v.contextBackfill === null || isSeriesCount(v.contextBackfill)) &&
    (v.contextCompleteAt === undefined || isNumOrNull(v.contextCompleteAt))
  );
}

function isSpan(v: Record<string, unknown>): boolean {
  return (
    (v.db === 'archive' || v.db === 'demo') &&
    typeof v.interval === 'string' &&
    (BASE_INTERVALS as readonly string[]).includes(v.interval) &&
    Array.isArray(v.symbols) &&
    v.symbols.every((s) => typeof s === 'string') &&
    isNum(v.from) &&
    isNum(v.to)
  );
}

function isDataChanged(v: Record<string, unknown>): boolean {
  return (
    isSpan(v) &&
    (v.kind === 'liq' || v.kind === 'candle') &&
    (v.exact === undefined || typeof v.exact === 'boolean')
  );
}

/** Narrows an unknown message to a well-formed Notice (anything else on the channel is ignored). */
export function isNotice(v: unknown): v is Notice {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'data-changed':
      return isDataChanged(v);
    case 'context-changed':
      return isSpan(v) && typeof v.kind === 'string' && isContextKind(v.kind);
    case 'settings-changed':
    case 'alerts-changed':
    case 'markets-changed':
    case 'crash-leader':
    case 'status-request':
      return true;
    case 'status':
      return isFetchStatus(v.status);
    default:
      return false;
  }
}
