/**
 * Classifies a Telegram Bot API answer into what the delivery loop must do. Telegram documents only `ok`,
 * `description`, `error_code` (subject to change) and `parameters.retry_after`, so the HTTP status leads.
 */

/** What to do after one API call. */
export type TelegramOutcome =
  | { kind: 'ok'; result: unknown }
  /** Try the same message again later (429, 5xx, network). */
  | { kind: 'retry'; afterMs: number | null; reason: string }
  /** Configuration is wrong (bad token, chat not found, bot blocked): stop sending until settings change. */
  | { kind: 'halt'; reason: string }
  /** This message can never be sent (e.g. bad markup); drop it, keep going. */
  | { kind: 'reject'; reason: string };

interface ApiBody {
  ok?: unknown;
  result?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
}

function asBody(v: unknown): ApiBody {
  return typeof v === 'object' && v !== null ? (v as ApiBody) : {};
}

/** Outcome for an HTTP status, parsed JSON body (or null) and Retry-After header (or null). */
export function classifyTelegram(
  status: number,
  json: unknown,
  retryAfterHeader: string | null,
): TelegramOutcome {
  const body = asBody(json);
  const description = typeof body.description === 'string' ? body.description : `HTTP ${status}`;
  if (status >= 200 && status < 300 && body.ok === true) return { kind: 'ok', result: body.result };
  if (status === 429) {
    const ra = body.parameters?.retry_after;
    const secs = typeof ra === 'number' ? ra : Number(retryAfterHeader ?? Number.NaN);
    return {
      kind: 'retry',
      afterMs: Number.isFinite(secs) && secs >= 0 ? secs * 1000 : null,
      reason: description,
    };
  }
  if (status === 401 || status === 404)
    return { kind: 'halt', reason: `Bot token rejected (${description})` };
  if (status === 403) return { kind: 'halt', reason: `Bot cannot write to this chat (${description})` };
  if (status === 400 && /chat not found|chat_id is empty|peer_id_invalid/i.test(description)) {
    return {
      kind: 'halt',
      reason: `Chat not found: check the chat ID and message the bot first (${description})`,
    };
  }
  if (status >= 500 || status === 0) return { kind: 'retry', afterMs: null, reason: description };
  return { kind: 'reject', reason: description };
}

/** Exponential backoff with a cap, for network errors and 5xx: 2 s, 4 s, … 5 min. */
export function backoffMs(attempt: number): number {
  return Math.min(300_000, 2000 * 2 ** Math.max(0, attempt - 1));
}
