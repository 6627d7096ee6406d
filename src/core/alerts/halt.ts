/** The "delivery stopped" record: a permanent Telegram error for one configuration halts sending until it changes. */

/** Delivery stopped on a permanent error for this configuration (bad token, chat not found). */
export interface AlertHalt {
  reason: string;
  /** Fingerprint of the configuration that failed: a changed token or chat resumes delivery. */
  fingerprint: string;
  at: number;
}

/** Non-reversible fingerprint of the Telegram configuration (FNV-1a), so the token itself is never copied. */
export function telegramFingerprint(botToken: string, chatId: string, apiBaseUrl: string): string {
  return fnv1a(`${botToken}\n${chatId}\n${apiBaseUrl}`);
}

/** FNV-1a hash of `text` as hex: a short, non-reversible fingerprint of a secret. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
