/** The alerts feature's own BroadcastChannel between tabs and the sending worker (kept off the shared notices). */

/** Channel name. */
export const ALERTS_CHANNEL = 'liqlab-alerts';

/** Web Locks name of the alert sender; separate from the fetch leader lock so both can live in one worker. */
export const ALERT_SENDER_LOCK = 'liqlab-alert-sender';

/** `queued`: a tab added to the outbox, the sender should look now; `changed`: the log changed, redraw it. */
export type AlertsMessage = { type: 'queued' } | { type: 'changed' };

/** kv key of the "delivery stopped" record. */
export const HALT_KEY = 'alerts:halt';

/** Delivery stopped on a permanent error for this configuration (bad token, chat not found). */
export interface AlertHalt {
  reason: string;
  /** Fingerprint of the configuration that failed: a changed token or chat resumes delivery. */
  fingerprint: string;
  at: number;
}

/** Non-reversible fingerprint of the Telegram configuration (FNV-1a), so the token itself is never copied. */
export function telegramFingerprint(botToken: string, chatId: string, apiBaseUrl: string): string {
  let h = 0x811c9dc5;
  for (const ch of `${botToken}\n${chatId}\n${apiBaseUrl}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/** Narrows an unknown message. */
export function isAlertsMessage(v: unknown): v is AlertsMessage {
  const t = typeof v === 'object' && v !== null ? (v as { type?: unknown }).type : undefined;
  return t === 'queued' || t === 'changed';
}
