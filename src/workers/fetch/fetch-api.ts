/** The fetch worker's implementation, kept apart from the entry so tests can run it without a Worker. */
import { AbortRegistry } from '../cancel';
import { database } from '../db-cache';
import { findTelegramChats, sendTestMessage } from './alerts/service';
import type { FetchApi } from './api';
import { createCsvApi } from './csv/csv-api';
import { ensureDemo } from './demo-loader';
import { startLiveEngine } from './live-engine';

const aborts = new AbortRegistry();

/** Fetch API implementation. */
export const fetchApi: FetchApi = {
  ...createCsvApi(aborts),
  abortCall(callId) {
    aborts.abort(callId);
  },

  async ensureDemo(assetUrl: string) {
    return ensureDemo(await database('demo'), assetUrl);
  },

  async startEngine(origin: string, appUrl: string) {
    await startLiveEngine(origin, appUrl);
  },
  alertsSendTest: (telegram, appUrl) => sendTestMessage(telegram, appUrl),
  alertsFindChats: (botToken, apiBaseUrl) => findTelegramChats(botToken, apiBaseUrl),
};
