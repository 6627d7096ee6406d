/** The fetch worker's API as the page sees it. */
import type { FindChatsResult, TestSendResult } from '../../core/alerts/api-types';
import type { DemoLoad } from '../../core/demo/asset';
import type { TelegramSettings } from '../../core/settings';
import type { Cancellable } from '../facade';
import type { ConnectionTest } from './connection-test';
import type { CsvApi } from './csv/types';
import type { StoredDataApi } from './stored-data';

export type { DemoLoad };

/** Fetch worker calls (the data engine grows this). */
export interface FetchApi extends Cancellable, CsvApi, StoredDataApi {
  /** Loads the bundled demo asset into the demo database once. */
  ensureDemo(assetUrl: string, callId?: number): Promise<DemoLoad>;
  /**
   * Starts the engine of this tab (idempotent): it bids for leadership and, when it leads, fetches, evaluates
   * alert rules and delivers alerts. `origin` resolves a relative API base URL; `appUrl` is where alert links
   * point. Status, data and alert-log changes arrive as notices on the bus.
   */
  startEngine(origin: string, appUrl: string): Promise<void>;
  /** Settings → "Send test request": one `/exchanges` call with this key and base URL (relative to `origin`). */
  testCoinalyze(apiKey: string, apiBaseUrl: string, origin: string): Promise<ConnectionTest>;
  /** Alerts: send the test message with these settings and log it. */
  alertsSendTest(telegram: TelegramSettings, appUrl: string): Promise<TestSendResult>;
  /** Alerts: chats that recently messaged the bot (getUpdates). */
  alertsFindChats(botToken: string, apiBaseUrl: string): Promise<FindChatsResult>;
}
