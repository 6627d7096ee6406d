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

/** What the fetching tab reports for every tab's status bar. */
export interface FetchStatus {
  state: 'idle' | 'live' | 'offline' | 'key-rejected' | 'error';
  callsUsed: number;
  callsBudget: number;
  /** 0…1, or null when no backfill is running. */
  backfill: number | null;
  lastUpdate: number | null;
  message: string | null;
}

/** Narrows an unknown message to a Notice. */
export function isNotice(value: unknown): value is Notice {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}
