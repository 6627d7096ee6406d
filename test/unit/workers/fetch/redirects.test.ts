// A redirecting API answer is an error, never a followed redirect: the secret (Coinalyze key in a header, Telegram
// token in the path) must not reach the redirect's target. Proven with real sockets: a server that redirects and
// a second one that records whether anything arrived.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { callTelegram } from '../../../../src/workers/fetch/alerts/telegram-client';
import { callCoinalyze, type FetchFn } from '../../../../src/workers/fetch/coinalyze-client';

interface Hit {
  url: string;
  headers: IncomingHttpHeaders;
}

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

/** A server on a free loopback port; `answer` gets the base URL of the server itself. */
async function serve(
  answer: (hit: Hit) => { status: number; headers?: Record<string, string>; body?: string },
) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const hit = { url: req.url ?? '', headers: req.headers };
    hits.push(hit);
    const a = answer(hit);
    res.writeHead(a.status, { 'Content-Type': 'application/json', ...a.headers }).end(a.body ?? '[]');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  open.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${address.port}`, hits };
}

/** The target a misconfigured proxy redirects to, and the proxy itself. */
async function redirectingProxy(status: number) {
  const target = await serve(() => ({ status: 200, body: '[{"name":"Binance","code":"A"}]' }));
  const proxy = await serve((hit) => ({ status, headers: { Location: `${target.url}${hit.url}` } }));
  return { target, proxy };
}

const realFetch: FetchFn = (url, init) => fetch(url, init);
const coinalyze = (baseUrl: string, fetchFn: FetchFn = realFetch) =>
  callCoinalyze(
    { baseUrl, apiKey: 'secret-key', fetch: fetchFn, timeoutMs: 5000, origin: 'http://127.0.0.1:1' },
    '/exchanges',
    {},
    new AbortController().signal,
  );

describe('Coinalyze calls never follow a redirect', () => {
  it.each([
    301, 302, 307, 308,
  ])('a %i from the API base URL is a retry naming the redirect; the target sees nothing', async (status) => {
    const { target, proxy } = await redirectingProxy(status);
    const r = await coinalyze(`${proxy.url}/v1`);
    expect(r).toEqual({
      kind: 'retry',
      reason: expect.stringMatching(
        /answered with a redirect to http:\/\/127\.0\.0\.1:\d+\/v1\/exchanges, not followed/,
      ),
    });
    expect(proxy.hits).toHaveLength(1);
    expect(proxy.hits[0]?.headers.api_key).toBe('secret-key');
    expect(target.hits).toHaveLength(0);
  });

  it('control: the same call with a following fetch hands the key to the target (what the client prevents)', async () => {
    const { target, proxy } = await redirectingProxy(302);
    const following: FetchFn = (url, init) => fetch(url, { ...init, redirect: 'follow' });
    const r = await coinalyze(`${proxy.url}/v1`, following);
    expect(r.kind).toBe('ok');
    expect(target.hits.map((h) => h.headers.api_key)).toEqual(['secret-key']);
  });

  it('asks for an uncached answer and no redirects', async () => {
    const api = await serve(() => ({ status: 200 }));
    const seen: Array<Parameters<FetchFn>[1]> = [];
    const r = await coinalyze(`${api.url}/v1`, (url, init) => {
      seen.push(init);
      return fetch(url, init);
    });
    expect(r.kind).toBe('ok');
    expect(seen).toEqual([expect.objectContaining({ redirect: 'manual', cache: 'no-store' })]);
  });

  it('a refused base URL (protocol-relative) never receives the key', async () => {
    const elsewhere = await serve(() => ({ status: 200 }));
    const r = await coinalyze(`${elsewhere.url.replace('http:', '')}/v1`);
    expect(r).toEqual({
      kind: 'bad-request',
      message: expect.stringMatching(/^API base URL refused: "\/\/" at the start/),
    });
    expect(elsewhere.hits).toHaveLength(0);
  });
});

describe('Telegram calls never follow a redirect', () => {
  it('a redirect halts delivery with a reason, and the token never reaches the target', async () => {
    const { target, proxy } = await redirectingProxy(302);
    const r = await callTelegram(
      (i, init) => fetch(i, init),
      { botToken: '123:SECRET', apiBaseUrl: proxy.url },
      'getMe',
    );
    expect(r).toEqual({
      kind: 'halt',
      reason: expect.stringMatching(/answered with a redirect, which was not followed/),
    });
    expect(r.kind === 'halt' && r.reason).not.toContain('SECRET');
    expect(proxy.hits.map((h) => h.url)).toEqual(['/bot123:SECRET/getMe']);
    expect(target.hits).toHaveLength(0);
  });

  it('asks for an uncached answer and no redirects', async () => {
    const api = await serve(() => ({ status: 200, body: '{"ok":true,"result":{}}' }));
    const seen: Array<RequestInit | undefined> = [];
    const r = await callTelegram(
      (i, init) => {
        seen.push(init);
        return fetch(i, init);
      },
      { botToken: '1:x', apiBaseUrl: api.url },
      'getMe',
    );
    expect(r.kind).toBe('ok');
    expect(seen).toEqual([expect.objectContaining({ redirect: 'manual', cache: 'no-store' })]);
  });

  it('a refused base URL never receives the token', async () => {
    const elsewhere = await serve(() => ({ status: 200, body: '{"ok":true,"result":{}}' }));
    const r = await callTelegram(
      (i, init) => fetch(i, init),
      { botToken: '1:x', apiBaseUrl: elsewhere.url.replace('http:', '') },
      'getMe',
    );
    expect(r).toEqual({
      kind: 'halt',
      reason: expect.stringMatching(/^Telegram API base URL refused: "\/\/"/),
    });
    expect(elsewhere.hits).toHaveLength(0);
  });
});
