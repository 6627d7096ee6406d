/**
 * What the settings dialog asks of the alerts side directly: the test message (sent at once with unsaved
 * settings, logged like an alert) and the chats that messaged the bot. Alert evaluation and delivery run in the
 * leader's session (leader-session.ts), not here.
 */

import type { FindChatsResult, TestSendResult } from '../../../core/alerts/api-types';
import { testMessage } from '../../../core/alerts/message';
import type { TelegramSettings } from '../../../core/settings';
import { broadcastBus } from '../../../platform/notice-bus';
import { logAlert } from '../../../storage/alert-repo';
import { writeKv } from '../../../storage/kv-repo';
import { database } from '../../db-cache';
import { findChats, sendAlert } from './telegram-client';

const bus = broadcastBus();

/** Sends the test message directly with the given (possibly unsaved) settings and records it in the log. */
export async function sendTestMessage(tg: TelegramSettings, appUrl: string): Promise<TestSendResult> {
  if (!tg.botToken) return { ok: false, message: 'Enter the Telegram bot token first.' };
  if (!tg.chatId) return { ok: false, message: 'Enter the Telegram chat ID first (or use "Find my chat").' };
  const now = Date.now();
  const msg = testMessage(appUrl, Math.floor(now / 1000));
  const payload = { kind: 'test' as const, title: msg.title, html: msg.html, time: msg.time };
  const outcome = await sendAlert((i, init) => fetch(i, init), tg, payload);
  const ok = outcome.kind === 'ok';
  const reason = outcome.kind === 'ok' ? undefined : outcome.reason;
  const db = await database('archive');
  await logAlert(db, {
    id: `test:${now}`,
    createdAt: now,
    status: ok ? 'sent' : 'failed',
    attempts: 1,
    nextAttemptAt: now,
    payload,
    ...(ok ? { sentAt: Date.now() } : { error: reason }),
  });
  // A working configuration resumes delivery stopped by an earlier permanent error.
  if (ok) await writeKv(db, 'alerts:halt', null);
  bus.post({ type: 'alerts-changed' });
  return { ok, message: ok ? 'Test message sent.' : `Test message failed: ${reason ?? ''}` };
}

/** Chats that recently messaged the bot. */
export function findTelegramChats(botToken: string, apiBaseUrl: string): Promise<FindChatsResult> {
  if (!botToken) return Promise.resolve({ chats: [], error: 'Enter the Telegram bot token first.' });
  return findChats((i, init) => fetch(i, init), { botToken, apiBaseUrl });
}
