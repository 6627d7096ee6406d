/** The fetch worker's API as the page sees it. */
import type { FindChatsResult, TestSendResult } from '../../core/alerts/api-types';
import type { TelegramSettings } from '../../core/settings';
import type { Cancellable } from '../facade';
import type { ConnectionTest } from './connection-test';
import type { CsvApi } from './csv/types';

/** Result of making sure the demo database holds the bundled data. */
export interface DemoLoad {
  /** True when this call wrote the data (first start), false when it was already there. */
  loaded: boolean;
  bars: number;
  firstTime: number;
  lastTime: number;
}

/** Fetch worker calls (the data engine grows this). */
export interface FetchApi extends Cancellable, CsvApi {
  /** Loads the bundled demo asset into the demo database once. */
  ensureDemo(assetUrl: string, callId?: number): Promise<DemoLoad>;
  /**
   * Starts the Coinalyze engine of this tab (idempotent): it bids for leadership and, when it leads, fetches.
   * `origin` resolves a relative API base URL. Status and data changes arrive as BroadcastChannel notices.
   */
  startEngine(origin: string): Promise<void>;
  /** Settings → "Send test request": one `/exchanges` call with this key and base URL (relative to `origin`). */
  testCoinalyze(apiKey: string, apiBaseUrl: string, origin: string): Promise<ConnectionTest>;
  /** Alerts: bid for the alert-sender role; the leader tab's worker delivers the outbox. */
  alertsStart(): Promise<void>;
  /** Alerts: send the test message with these settings and log it. */
  alertsSendTest(telegram: TelegramSettings, appUrl: string): Promise<TestSendResult>;
  /** Alerts: chats that recently messaged the bot (getUpdates). */
  alertsFindChats(botToken: string, apiBaseUrl: string): Promise<FindChatsResult>;
}
