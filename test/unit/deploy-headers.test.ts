import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

/** The policy in index.html's meta tag: what the app is tested under (e2e checks for CSP violations). */
function metaPolicy(): string {
  const m = read('index.html').match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
  if (!m?.[1]) throw new Error('no CSP meta tag in index.html');
  return m[1];
}

/** Header form: the meta policy plus frame-ancestors, which browsers ignore in a meta tag. */
const expected = () => `${metaPolicy()}; frame-ancestors 'none'`;

describe('deploy configs send the app’s Content-Security-Policy as a header', () => {
  it('the meta policy keeps scripts and workers to self, with no inline script or eval', () => {
    const p = metaPolicy();
    // Connections: this site, any https API proxy, and plain http only to loopback (a local proxy).
    expect(p).toContain("connect-src 'self' https: http://localhost:* http://127.0.0.1:*;");
    expect(p).toContain("script-src 'self';");
    expect(p).toContain("worker-src 'self';");
    expect(p).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('nginx', () => {
    const conf = read('deploy/nginx/liqlab/server.conf');
    expect(conf.match(/set \$liqlab_csp "([^"]+)";/)?.[1]).toBe(expected());
    // Added once, at server level: a location with an add_header of its own would stop inheriting it.
    expect(conf.match(/^add_header Content-Security-Policy \$liqlab_csp always;$/gm)?.length).toBe(1);
    const locations = conf.match(/^location [^{]*\{[^}]*\}/gm) ?? [];
    expect(locations.length).toBeGreaterThanOrEqual(4);
    for (const block of locations) expect(block).not.toContain('add_header');
  });

  it('Netlify', () => {
    expect(read('deploy/_headers').match(/Content-Security-Policy: (.+)/)?.[1]).toBe(expected());
  });

  it('Vercel', () => {
    const config = JSON.parse(read('deploy/vercel.json')) as {
      headers: Array<{ source: string; headers: Array<{ key: string; value: string }> }>;
    };
    const all = config.headers.find((h) => h.source === '/(.*)');
    expect(all?.headers.find((h) => h.key === 'Content-Security-Policy')?.value).toBe(expected());
  });
});
