/**
 * Settings → Data → "Send test request": one `/exchanges` call (the cheapest, weight 1) with the key and base
 * URL being edited, answered in words a user can act on. It tells apart the usual deploy mistakes: a proxy that
 * drops the `api_key` header (401), a base URL that hits the site's HTML instead of the proxy (not JSON, or
 * 404), a cross-origin proxy without CORS for this site (network error), and a redirecting proxy.
 */
import { parseExchanges } from '../../core/coinalyze';
import { type CallResult, callCoinalyze, type FetchFn } from './coinalyze-client';

/** What the test found; `ok` is true when the key and the proxy both work. */
export interface ConnectionTest {
  ok: boolean;
  message: string;
}

const TIMEOUT_MS = 15_000;

/** Sends the test request and words the outcome. */
export async function testCoinalyzeConnection(
  apiKey: string,
  apiBaseUrl: string,
  origin: string,
  fetchFn: FetchFn,
): Promise<ConnectionTest> {
  const result = await callCoinalyze(
    { baseUrl: apiBaseUrl, apiKey, fetch: fetchFn, timeoutMs: TIMEOUT_MS, origin },
    '/exchanges',
    {},
    new AbortController().signal,
  );
  return describeResult(result);
}

function describeResult(r: CallResult): ConnectionTest {
  switch (r.kind) {
    case 'ok': {
      let count: number;
      try {
        count = parseExchanges(r.body).length;
      } catch {
        count = 0;
      }
      return count > 0
        ? { ok: true, message: `Success: Coinalyze listed ${count} exchanges. The key and the proxy work.` }
        : {
            ok: false,
            message:
              'The answer was JSON but not Coinalyze’s exchange list: check what the API base URL points at.',
          };
    }
    case 'unauthorized':
      return {
        ok: false,
        message:
          'Key rejected (401): check the key. If it is right, the proxy is not passing the api_key header on (nginx needs "underscores_in_headers on;").',
      };
    case 'rate-limited':
      return {
        ok: true,
        message: `Rate limited (429): the key and the proxy work, but the key’s budget is spent; it refills in ${Math.round(r.retryAfterMs / 1000)} s.`,
      };
    case 'bad-request':
      return {
        ok: false,
        message: /^HTTP 404\b/.test(r.message)
          ? 'Not found (404): nothing answers at this API base URL; check the path and that the proxy forwards it to Coinalyze.'
          : r.message.startsWith('API base URL refused')
            ? r.message
            : `Refused: ${r.message}`,
      };
    case 'malformed':
      return {
        ok: false,
        message: 'The answer was not JSON: the API base URL probably points at a web page, not at the proxy.',
      };
    case 'unreachable':
      return {
        ok: false,
        message:
          'Network error: nothing answered, or a proxy on another site does not allow this one (CORS). Check the URL and that the proxy is running.',
      };
    case 'retry':
      return { ok: false, message: retryMessage(r.reason) };
  }
}

function retryMessage(reason: string): string {
  if (reason === 'timeout') return `No answer within ${TIMEOUT_MS / 1000} s.`;
  if (/^HTTP 5\d\d$/.test(reason))
    return `The proxy or Coinalyze failed (${reason}): a proxy answers 502 when it cannot reach or verify Coinalyze.`;
  return `Failed: ${reason}.`;
}
