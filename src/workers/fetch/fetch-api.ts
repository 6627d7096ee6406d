/** The fetch worker's implementation, kept apart from the entry so tests can run it without a Worker. */

import { recordCall } from '../../storage/budget-repo';
import { AbortRegistry } from '../cancel';
import { database } from '../db-cache';
import { findTelegramChats, sendTestMessage } from './alerts/service';
import type { FetchApi } from './api';
import { testCoinalyzeConnection } from './connection-test';
import { createCsvApi } from './csv/csv-api';
import { ensureDemo } from './demo-loader';
import { startLiveEngine } from './live-engine';
import { createStoredDataApi } from './stored-data';

const aborts = new AbortRegistry();

/** Fetch API implementation. */
export const fetchApi: FetchApi = {
  ...createCsvApi(aborts),
  ...createStoredDataApi(),
  abortCall(callId) {
    aborts.abort(callId);
  },

  async ensureDemo(assetUrl: string) {
    return ensureDemo(await database('demo'), assetUrl);
  },

  async startEngine(origin: string, appUrl: string) {
    await startLiveEngine(origin, appUrl);
  },
  async testCoinalyze(apiKey, apiBaseUrl, origin) {
    // One call of the key's budget: in the ledger, so the next leader counts it (the running one keeps a 2-call margin).
    await recordCall(await database('archive'), { at: Date.now(), weight: 1 });
    return testCoinalyzeConnection(apiKey, apiBaseUrl, origin, (url, init) => fetch(url, init));
  },
  alertsSendTest: (telegram, appUrl) => sendTestMessage(telegram, appUrl),
  alertsFindChats: (botToken, apiBaseUrl) => findTelegramChats(botToken, apiBaseUrl),
};
