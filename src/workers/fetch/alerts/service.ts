/**
 * The alerts side of the fetch worker (which owns I/O): bids for the alert-sender lock and runs the delivery
 * loop while it holds it; sends the test message and looks up chats for the settings dialog.
 */

import type { FindChatsResult, TestSendResult } from '../../../core/alerts/api-types';
import {
  ALERT_SENDER_LOCK,
  ALERTS_CHANNEL,
  type AlertsMessage,
  HALT_KEY,
  isAlertsMessage,
} from '../../../core/alerts/channel';
import { testMessage } from '../../../core/alerts/message';
import type { TelegramSettings } from '../../../core/settings';
import { logAlert } from '../../../storage/alert-repo';
import { writeKv } from '../../../storage/kv-repo';
import { database } from '../../db-cache';
import { bidForLeadership, type Leadership, type LockManagerLike } from '../../leader';
import { AlertDelivery } from './delivery';
import { findChats, sendAlert } from './telegram-client';

let leadership: Leadership | null = null;
let channel: BroadcastChannel | null = null;

function announce(message: AlertsMessage): void {
  channel?.postMessage(message);
}

/** Starts bidding for the sender role (idempotent); the loop runs only while this worker is the leader. */
export function startAlertSender(): void {
  if (leadership) return;
  channel = new BroadcastChannel(ALERTS_CHANNEL);
  const delivery = new AlertDelivery({
    db: () => database('archive'),
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    changed: () => announce({ type: 'changed' }),
  });
  channel.onmessage = (e: MessageEvent) => {
    if (isAlertsMessage(e.data) && e.data.type === 'queued') delivery.kick();
  };
  leadership = bidForLeadership(
    navigator.locks as unknown as LockManagerLike,
    () => {
      delivery.start();
      return () => void delivery.stop();
    },
    ALERT_SENDER_LOCK,
  );
}

/** True when this worker is currently the alert sender. */
export function isAlertSender(): boolean {
  return leadership?.isLeader() ?? false;
}

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
  if (ok) await writeKv(db, HALT_KEY, null);
  announce({ type: 'changed' });
  return { ok, message: ok ? 'Test message sent.' : `Test message failed: ${reason ?? ''}` };
}

/** Chats that recently messaged the bot. */
export function findTelegramChats(botToken: string, apiBaseUrl: string): Promise<FindChatsResult> {
  if (!botToken) return Promise.resolve({ chats: [], error: 'Enter the Telegram bot token first.' });
  return findChats((i, init) => fetch(i, init), { botToken, apiBaseUrl });
}
