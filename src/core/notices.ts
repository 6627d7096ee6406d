/** Typed messages on the `liqlab` BroadcastChannel between tabs and workers (data flows one way: notices only). */
import type { BaseInterval } from './intervals';

/** Name of the channel every tab and worker listens on. */
export const NOTICE_CHANNEL = 'liqlab';

/** What can be announced. */
export type Notice =
  | {
      type: 'data-changed';
      db: 'archive' | 'demo';
      interval: BaseInterval;
      symbols: string[];
      from: number;
      to: number;
    }
  | { type: 'settings-changed' }
  | { type: 'status'; status: FetchStatus };

/** One base interval's share of a running backfill, in API calls (the budget's unit). */
export interface IntervalBackfill {
  interval: BaseInterval;
  /** Calls done and planned for this interval's backfill (done ≤ total). */
  done: number;
  total: number;
}

/** What the fetching tab reports for every tab's status bar. */
export interface FetchStatus {
  state: 'idle' | 'live' | 'offline' | 'key-rejected' | 'error';
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
}

/** Narrows an unknown message to a Notice. */
export function isNotice(value: unknown): value is Notice {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}
