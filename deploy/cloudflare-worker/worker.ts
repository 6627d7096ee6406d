/**
 * LiqLab's edge proxy for static hosts without rewrites (GitHub Pages): a Cloudflare Worker that forwards
 * `GET /v1/<Coinalyze endpoint>` to Coinalyze with the `api_key` header, and adds the CORS headers Coinalyze does
 * not send, for the origins listed in ALLOWED_ORIGINS only. Nothing else: other paths are 404, other methods
 * 405, browsers on other sites 403; no cookies either way, no redirects followed, and nothing is logged (the key
 * is in every request). Whoever runs this Worker can see the keys that pass through it.
 */

/** The Worker's configuration (wrangler.toml [vars]). */
interface Env {
  /** Comma-separated origins whose pages may call, e.g. "https://you.github.io". */
  ALLOWED_ORIGINS?: string;
  /** Where calls go; Coinalyze unless a test points it at a fake. */
  UPSTREAM?: string;
}

/** Coinalyze API v1 endpoints (docs/coinalyze-api.md §1): every one is a GET. */
const ENDPOINTS = new Set([
  'exchanges',
  'future-markets',
  'spot-markets',
  'open-interest',
  'funding-rate',
  'predicted-funding-rate',
  'open-interest-history',
  'funding-rate-history',
  'predicted-funding-rate-history',
  'liquidation-history',
  'long-short-ratio-history',
  'ohlcv-history',
]);

const COINALYZE = 'https://api.coinalyze.net';
/** Response headers of Coinalyze that do not pass (cookies are its edge's, not the user's business). */
const DROPPED = new Set(['set-cookie', 'set-cookie2']);

function allowedOrigin(request: Request, env: Env): string | null {
  const origin = request.headers.get('Origin');
  if (origin === null) return null;
  const allowed = (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/+$/, ''));
  return allowed.includes(origin) ? origin : null;
}

function cors(origin: string | null): Record<string, string> {
  const vary = { Vary: 'Origin' };
  if (origin === null) return vary;
  // Retry-After is not a CORS-safelisted header: without exposing it the app could not honour a 429's wait.
  return { ...vary, 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After' };
}

function text(status: number, message: string, headers: Record<string, string>): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

async function forward(request: Request, env: Env, endpoint: string, headers: Record<string, string>) {
  const query = new URL(request.url).search;
  const upstream = new URL(`/v1/${endpoint}${query}`, env.UPSTREAM ?? COINALYZE);
  const outgoing = new Headers({ Accept: 'application/json', 'User-Agent': 'LiqLab edge proxy' });
  const key = request.headers.get('api_key');
  if (key !== null) outgoing.set('api_key', key);
  let answer: Response;
  try {
    answer = await fetch(upstream, { method: 'GET', headers: outgoing, redirect: 'manual' });
  } catch {
    return text(502, 'Coinalyze could not be reached', headers);
  }
  if (answer.status >= 300 && answer.status < 400 && answer.status !== 304)
    return text(502, `Coinalyze answered with a redirect (${answer.status}), which is not followed`, headers);
  const passed = new Headers();
  for (const [name, value] of answer.headers) if (!DROPPED.has(name)) passed.append(name, value);
  for (const [name, value] of Object.entries(headers)) passed.set(name, value);
  // Status, body and Retry-After pass untouched: the app's scheduler reads a 429's wait from them.
  return new Response(answer.body, { status: answer.status, headers: passed });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const origin = allowedOrigin(request, env);
    if (request.headers.has('Origin') && origin === null)
      return text(403, 'This origin is not in ALLOWED_ORIGINS', { Vary: 'Origin' });
    const headers = cors(origin);
    const endpoint = /^\/v1\/([a-z-]+)$/.exec(new URL(request.url).pathname)?.[1];
    if (endpoint === undefined || !ENDPOINTS.has(endpoint))
      return text(404, 'Not a Coinalyze API path', headers);
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...headers,
          'Access-Control-Allow-Methods': 'GET',
          'Access-Control-Allow-Headers': 'api_key',
          'Access-Control-Max-Age': '86400',
        },
      });
    }
    if (request.method !== 'GET')
      return text(405, 'Only GET is forwarded', { ...headers, Allow: 'GET, OPTIONS' });
    return forward(request, env, endpoint, headers);
  },
};
