/**
 * Calls to the Telegram Bot API with "simple" requests only (GET, or POST with URLSearchParams/FormData), so
 * the browser sends no CORS preflight. The URL contains the token: it is never logged or put in an error, and a
 * redirect is never followed (it would take the token-bearing request elsewhere; 'manual' rather than 'error'
 * so the reason can name it).
 */
import type { ChatCandidate } from '../../../core/alerts/api-types';
import { classifyTelegram, type TelegramOutcome } from '../../../core/alerts/telegram-result';
import { checkBaseUrl, OFFICIAL_HOSTS } from '../../../core/base-url';
import type { TelegramSettings } from '../../../core/settings';
import type { AlertPayload } from '../../../storage/alert-repo';

/** The fetch function (injectable for tests). */
export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

const TIMEOUT_MS = 20_000;

/** The origin relative base URLs resolve against ('' outside a browser, where only absolute ones work). */
function pageOrigin(): string {
  return typeof location === 'undefined' ? '' : location.origin;
}

function methodUrl(apiBaseUrl: string, token: string, method: string): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}/bot${token}/${method}`;
}

/** One API call, classified; network failures become a retry without a server-given delay. */
export async function callTelegram(
  fetchFn: FetchFn,
  tg: Pick<TelegramSettings, 'botToken' | 'apiBaseUrl'>,
  method: string,
  body?: URLSearchParams | FormData,
): Promise<TelegramOutcome> {
  const base = checkBaseUrl(tg.apiBaseUrl, {
    pageOrigin: pageOrigin(),
    officialHost: OFFICIAL_HOSTS.telegram,
  });
  // A base URL saved before the rules existed never receives the token.
  if (!base.ok) return { kind: 'halt', reason: `Telegram API base URL refused: ${base.reason}` };
  let response: Response;
  try {
    response = await fetchFn(methodUrl(tg.apiBaseUrl, tg.botToken, method), {
      method: body ? 'POST' : 'GET',
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
      cache: 'no-store',
    });
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    // The error text of a failed fetch can include the URL (and so the token) in some runtimes: don't copy it.
    return {
      kind: 'retry',
      afterMs: null,
      reason: name === 'TimeoutError' ? 'Telegram timed out' : 'Network error',
    };
  }
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    // A configuration problem, not a passing fault: stop until the settings change.
    return {
      kind: 'halt',
      reason:
        'The Telegram API base URL answered with a redirect, which was not followed (the token was not sent on): point it at the Bot API itself',
    };
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // Not JSON (a proxy error page): the status decides.
  }
  return classifyTelegram(response.status, json, response.headers.get('Retry-After'));
}

/** Sends one alert: sendPhoto with the caption when there is a snapshot that fits, else sendMessage. */
export function sendAlert(
  fetchFn: FetchFn,
  tg: TelegramSettings,
  payload: AlertPayload,
  captionLimit = 1024,
): Promise<TelegramOutcome> {
  if (payload.photo && payload.html.length <= captionLimit) {
    const form = new FormData();
    form.append('chat_id', tg.chatId);
    form.append('photo', payload.photo, 'chart.png');
    form.append('caption', payload.html);
    form.append('parse_mode', 'HTML');
    return callTelegram(fetchFn, tg, 'sendPhoto', form);
  }
  const params = new URLSearchParams({
    chat_id: tg.chatId,
    text: payload.html,
    parse_mode: 'HTML',
    link_preview_options: JSON.stringify({ is_disabled: true }),
  });
  return callTelegram(fetchFn, tg, 'sendMessage', params);
}

interface UpdateLike {
  message?: {
    chat?: { id?: unknown; type?: unknown; title?: unknown; username?: unknown; first_name?: unknown };
  };
  channel_post?: UpdateLike['message'];
  my_chat_member?: UpdateLike['message'];
}

/** Chats found in getUpdates (the user must have messaged the bot within the last 24 h). */
export async function findChats(
  fetchFn: FetchFn,
  tg: Pick<TelegramSettings, 'botToken' | 'apiBaseUrl'>,
): Promise<{ chats: ChatCandidate[]; error: string | null }> {
  const outcome = await callTelegram(fetchFn, tg, 'getUpdates');
  if (outcome.kind !== 'ok') return { chats: [], error: outcome.reason };
  const seen = new Map<string, ChatCandidate>();
  const updates = Array.isArray(outcome.result) ? (outcome.result as UpdateLike[]) : [];
  for (const u of updates) {
    const chat = (u.message ?? u.channel_post ?? u.my_chat_member)?.chat;
    if (!chat || (typeof chat.id !== 'number' && typeof chat.id !== 'string')) continue;
    const id = String(chat.id);
    const name = [chat.title, chat.username ? `@${String(chat.username)}` : undefined, chat.first_name].find(
      (v) => typeof v === 'string' && v !== '@undefined',
    );
    seen.set(id, { id, title: typeof name === 'string' ? name : id, type: String(chat.type ?? 'chat') });
  }
  return { chats: [...seen.values()], error: null };
}
