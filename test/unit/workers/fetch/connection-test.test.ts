// Settings → Data → "Send test request" against the fake Coinalyze and the usual deploy mistakes around it.
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { testCoinalyzeConnection } from '../../../../src/workers/fetch/connection-test';
import { createFakeCoinalyze, type FakeCoinalyze } from '../../../fakes/coinalyze/server.mjs';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function fake(): Promise<{ fake: FakeCoinalyze; base: string }> {
  const f = createFakeCoinalyze({ keys: ['good-key'] });
  const url = await f.listen(0);
  closers.push(() => f.close());
  return { fake: f, base: `${url}/v1` };
}

/** A server that answers every request with `status` and `body` (a static host without the proxy rule). */
async function staticHost(status: number, body: string, type: string): Promise<string> {
  const server = createServer((_req, res) => res.writeHead(status, { 'Content-Type': type }).end(body));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  const a = server.address();
  if (typeof a !== 'object' || a === null) throw new Error('no address');
  return `http://127.0.0.1:${a.port}/coinalyze/v1`;
}

const run = (key: string, base: string) =>
  testCoinalyzeConnection(key, base, 'http://127.0.0.1:1', (url, init) => fetch(url, init));

describe('Send test request', () => {
  it('a working key and proxy: success, with one weight-1 call to /exchanges', async () => {
    const { fake: f, base } = await fake();
    expect(await run('good-key', base)).toEqual({
      ok: true,
      message: expect.stringMatching(/^Success: Coinalyze listed \d+ exchanges/),
    });
    expect(f.log.map((e) => [e.path, e.weight])).toEqual([['/v1/exchanges', 1]]);
  });

  it('a rejected key (or a proxy dropping api_key) says 401 and names the nginx directive', async () => {
    const { base } = await fake();
    const r = await run('wrong-key', base);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Key rejected \(401\).*underscores_in_headers on/);
  });

  it('429 means the key and proxy work, with the wait', async () => {
    const { fake: f, base } = await fake();
    f.inject('429');
    expect(await run('good-key', base)).toEqual({
      ok: true,
      message: expect.stringMatching(/429.*refills in 5 s/),
    });
  });

  it('an SPA fallback answering index.html with 200 is called out as a web page, not the proxy', async () => {
    const base = await staticHost(200, '<!doctype html><title>LiqLab</title>', 'text/html');
    expect((await run('good-key', base)).message).toMatch(
      /not JSON: the API base URL probably points at a web page/,
    );
  });

  it('a 404 says nothing answers at the base URL', async () => {
    const base = await staticHost(404, 'Not Found', 'text/plain');
    expect((await run('good-key', base)).message).toMatch(/^Not found \(404\)/);
  });

  it('a 502 from the proxy says it could not reach or verify Coinalyze', async () => {
    const base = await staticHost(502, '<html>Bad Gateway</html>', 'text/html');
    expect((await run('good-key', base)).message).toMatch(/HTTP 502.*cannot reach or verify/);
  });

  it('nothing listening is a network error that mentions CORS for cross-site proxies', async () => {
    const base = await staticHost(200, '[]', 'application/json');
    await closers.pop()?.();
    expect((await run('good-key', base)).message).toMatch(/^Network error: .*CORS/);
  });

  it('a refused base URL is reported without any request', async () => {
    expect(await run('good-key', 'javascript:alert(1)')).toEqual({
      ok: false,
      message: expect.stringMatching(/^API base URL refused: A "javascript:" URL cannot/),
    });
  });
});
