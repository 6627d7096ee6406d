// deploy/cloudflare-worker in the real Workers runtime (workerd via miniflare), built by wrangler, in front of the
// fake Coinalyze: what it forwards, to whom it grants CORS, and what it refuses.
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorker, type RunningWorker, startWorker } from '../e2e/edge-worker.mjs';
import { createFakeCoinalyze, type FakeCoinalyze } from '../fakes/coinalyze/server.mjs';

const SITE = 'https://user.github.io';
const KEY = 'test-key';

let bundle: string;
let fake: FakeCoinalyze;
let worker: RunningWorker;
let upstream: string;

beforeAll(async () => {
  bundle = await buildWorker();
  fake = createFakeCoinalyze({ keys: [KEY], cookies: true, listedDaysAgo: 3 });
  upstream = await fake.listen(0);
  worker = await startWorker(bundle, { upstream, allowedOrigins: `https://other.example, ${SITE}` });
}, 60_000);
afterAll(async () => {
  await worker?.dispose();
  await fake?.close();
});

const call = (path: string, init: RequestInit & { origin?: string | null } = {}) => {
  const headers = new Headers(init.headers);
  if (init.origin !== null) headers.set('Origin', init.origin ?? SITE);
  return fetch(`${worker.url}${path}`, { ...init, headers });
};
const seen = () => fake.log.length;

describe('edge proxy (Cloudflare Worker)', () => {
  it('forwards a GET with api_key for an allowed origin, with CORS for that origin only', async () => {
    const before = seen();
    const res = await call('/v1/exchanges', { headers: { api_key: KEY, Cookie: 'session=browser-only' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(((await res.json()) as unknown[]).length).toBeGreaterThan(0);
    // The key arrived (the fake answers 401 without it); the browser's cookie did not.
    expect(fake.log.slice(before)).toEqual([
      expect.objectContaining({ path: '/v1/exchanges', status: 200, cookie: false }),
    ]);
  });

  it('strips Coinalyze’s Set-Cookie on the way back', async () => {
    const direct = await fetch(`${upstream}/v1/exchanges`, { headers: { api_key: KEY } });
    expect(direct.headers.get('set-cookie')).toMatch(/^__cf_bm=/);
    const res = await call('/v1/exchanges', { headers: { api_key: KEY } });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('passes the query string on, and the key’s rejection (401) back', async () => {
    const before = seen();
    const res = await call(
      '/v1/liquidation-history?symbols=BTCUSDT_PERP.A&interval=1hour&from=1&to=2&convert_to_usd=true',
      {
        headers: { api_key: 'wrong-key' },
      },
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(fake.log.slice(before)).toEqual([
      expect.objectContaining({
        path: '/v1/liquidation-history',
        symbols: ['BTCUSDT_PERP.A'],
        interval: '1hour',
        status: 401,
      }),
    ]);
  });

  it('passes 429 and Retry-After through untouched', async () => {
    fake.inject('429');
    const res = await call('/v1/future-markets', { headers: { api_key: KEY } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(await res.json()).toEqual({ message: 'Too many requests' });
  });

  it('answers the CORS preflight for an allowed origin, allowing the api_key header, without calling Coinalyze', async () => {
    const before = seen();
    const res = await call('/v1/liquidation-history', {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'api_key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('access-control-allow-headers')).toBe('api_key');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET');
    expect(seen()).toBe(before);
  });

  it('refuses another origin (403) with no CORS header, and never calls Coinalyze for it', async () => {
    const before = seen();
    for (const method of ['GET', 'OPTIONS']) {
      const res = await call('/v1/exchanges', {
        method,
        origin: 'https://evil.example',
        headers: { api_key: KEY },
      });
      expect(res.status, method).toBe(403);
      expect(res.headers.get('access-control-allow-origin'), method).toBeNull();
    }
    // A look-alike of an allowed origin is another origin.
    const res = await call('/v1/exchanges', {
      origin: 'https://user.github.io.evil.example',
      headers: { api_key: KEY },
    });
    expect(res.status).toBe(403);
    expect(seen()).toBe(before);
  });

  it.each([
    '/',
    '/v1/',
    '/v1/unknown',
    '/v2/exchanges',
    '/v1/exchanges/extra',
    '/V1/exchanges',
    '/coinalyze/v1/exchanges',
  ])('a path that is not a Coinalyze endpoint (%s) is 404 and goes nowhere', async (path) => {
    const before = seen();
    const res = await call(path, { headers: { api_key: KEY } });
    expect(res.status).toBe(404);
    expect(seen()).toBe(before);
  });

  it('forwards GET only (405 otherwise)', async () => {
    const res = await call('/v1/exchanges', { method: 'POST', headers: { api_key: KEY }, body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, OPTIONS');
  });

  it('logs nothing: the runtime printed no line, let alone the key', () => {
    const printed = worker.output.join('');
    expect(printed).not.toContain(KEY);
    expect(printed.trim()).toBe('');
  });
});

describe('edge proxy facing a redirecting upstream', () => {
  it('answers 502 and does not follow, so the key never reaches the redirect target', async () => {
    const hits: string[] = [];
    const target = createServer((req, res) => {
      hits.push(String(req.headers.api_key));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const targetPort = (target.address() as { port: number }).port;
    const redirecting = createServer((req, res) =>
      res.writeHead(302, { Location: `http://127.0.0.1:${targetPort}${req.url}` }).end(),
    );
    await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
    const w = await startWorker(bundle, {
      upstream: `http://127.0.0.1:${(redirecting.address() as { port: number }).port}`,
      allowedOrigins: SITE,
    });
    try {
      const res = await fetch(`${w.url}/v1/exchanges`, { headers: { api_key: KEY, Origin: SITE } });
      expect(res.status).toBe(502);
      expect(await res.text()).toMatch(/redirect \(302\), which is not followed/);
      expect(hits).toEqual([]);
    } finally {
      await w.dispose();
      await new Promise((r) => target.close(r));
      await new Promise((r) => redirecting.close(r));
    }
  }, 30_000); // starts a workerd runtime
});
