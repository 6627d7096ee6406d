/**
 * One HTTP call to Coinalyze, classified into what the scheduler must do next. The key travels only in the
 * `api_key` header (never in the URL, so it stays out of logs and caches), and only to a base URL that
 * core/base-url accepts. Redirects are never followed: a followed redirect would carry the header to wherever
 * it points. `redirect: 'manual'` rather than `'error'` because both stop at the first answer, but only
 * 'manual' lets us tell a redirect (a misconfigured proxy) apart from a network failure and say so.
 */
import { checkBaseUrl, OFFICIAL_HOSTS } from '../../core/base-url';

/** The outcome of one call. */
export type CallResult =
  | { kind: 'ok'; body: unknown }
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'unauthorized' }
  | { kind: 'bad-request'; message: string }
  /** The server answered but not with JSON: nothing to store. */
  | { kind: 'malformed'; reason: string }
  /** No answer at all (offline, DNS, refused, dropped before a response): the server never counted it. */
  | { kind: 'unreachable'; reason: string }
  /** A server error or a timeout: try again later. */
  | { kind: 'retry'; reason: string };

/** The fetch function shape we need (global fetch fits; tests may wrap it). */
export type FetchFn = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal; redirect: 'manual'; cache: 'no-store' },
) => Promise<Response>;

/** Where and how to call. */
export interface ClientConfig {
  baseUrl: string;
  apiKey: string;
  fetch: FetchFn;
  timeoutMs: number;
  /** Resolves relative base URLs such as `/coinalyze/v1`. */
  origin: string;
}

/** Builds the request URL; the base may be relative to the page origin. */
export function buildUrl(
  cfg: Pick<ClientConfig, 'baseUrl' | 'origin'>,
  path: string,
  params: Record<string, string>,
): string {
  const base = new URL(cfg.baseUrl.replace(/\/+$/, '') + path, cfg.origin);
  for (const [k, v] of Object.entries(params)) base.searchParams.set(k, v);
  return base.toString();
}

/** GETs `path` and classifies the answer; never throws (except on the caller's abort). */
export async function callCoinalyze(
  cfg: ClientConfig,
  path: string,
  params: Record<string, string>,
  outer: AbortSignal,
): Promise<CallResult> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), cfg.timeoutMs);
  const onAbort = () => timeout.abort();
  outer.addEventListener('abort', onAbort, { once: true });
  const base = checkBaseUrl(cfg.baseUrl, { pageOrigin: cfg.origin, officialHost: OFFICIAL_HOSTS.coinalyze });
  try {
    // A base URL saved before the rules existed (or edited outside the dialog) never receives the key.
    if (!base.ok) return { kind: 'bad-request', message: `API base URL refused: ${base.reason}` };
    const res = await cfg.fetch(buildUrl(cfg, path, params), {
      headers: { api_key: cfg.apiKey },
      signal: timeout.signal,
      redirect: 'manual',
      cache: 'no-store',
    });
    const redirect = redirectOf(res);
    if (redirect !== null) return { kind: 'retry', reason: redirect };
    if (res.status === 429) {
      const secs = Number(res.headers.get('Retry-After'));
      return { kind: 'rate-limited', retryAfterMs: (Number.isFinite(secs) && secs > 0 ? secs : 60) * 1000 };
    }
    if (res.status === 401 || res.status === 403) return { kind: 'unauthorized' };
    const text = await res.text();
    if (res.status >= 500) return { kind: 'retry', reason: `HTTP ${res.status}` };
    if (res.status >= 400)
      return { kind: 'bad-request', message: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    try {
      return { kind: 'ok', body: JSON.parse(text) as unknown };
    } catch {
      return { kind: 'malformed', reason: 'the answer is not JSON' };
    }
  } catch (e) {
    if (outer.aborted) throw e;
    if (timeout.signal.aborted) return { kind: 'retry', reason: 'timeout' };
    return { kind: 'unreachable', reason: 'network error' };
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', onAbort);
  }
}

/**
 * The reason text when `res` is a redirect we did not follow, else null. Browsers hide the target of a
 * redirect from 'manual' fetches (an "opaqueredirect" with status 0); Node shows the 3xx and its Location.
 */
function redirectOf(res: Response): string | null {
  if (res.type !== 'opaqueredirect' && (res.status < 300 || res.status > 399 || res.status === 304))
    return null;
  const location = res.headers.get('Location');
  const to = location ? ` to ${location.replace(/[?#].*$/, '')}` : '';
  return `the API base URL answered with a redirect${to}, not followed (the key was not sent on); point the API base URL at the API itself`;
}
