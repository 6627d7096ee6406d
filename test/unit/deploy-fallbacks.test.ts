// The SPA fallbacks of the static hosts (Netlify _redirects, Vercel rewrites) read as those hosts document
// them: a missing /assets/ file is a 404 and never index.html, the API path goes to Coinalyze, any other unknown
// path gets the app. (Netlify and Vercel themselves cannot run here; deploy/nginx is proven through real nginx.)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(resolve(__dirname, '../..', path), 'utf8');

/** Netlify: the first rule whose `from` matches (`*` = splat), for a path with no file behind it. */
function netlify(path: string): { to: string; status: number } {
  for (const line of read('deploy/_redirects').split('\n')) {
    const [from, to, status] = line.trim().split(/\s+/);
    if (!from || from.startsWith('#') || !to || !status) continue;
    const pattern = new RegExp(`^${from.replace(/[.]/g, '\\.').replace(/\*$/, '(.*)')}$`);
    const m = pattern.exec(path);
    if (m) return { to: to.replace(':splat', m[1] ?? ''), status: Number(status) };
  }
  return { to: '(host 404)', status: 404 };
}

/** Vercel: the first rewrite whose source (a path-to-regexp with one regex group here) matches. */
function vercel(path: string): string | null {
  const config = JSON.parse(read('deploy/vercel.json')) as {
    rewrites: Array<{ source: string; destination: string }>;
  };
  for (const r of config.rewrites) {
    const source = r.source.replace(/:path\*$/, '(?<path>.*)');
    const m = new RegExp(`^${source}$`).exec(path);
    if (m) return r.destination.replace(':path*', m.groups?.path ?? '');
  }
  return null;
}

describe('static-host fallbacks', () => {
  it('Netlify: a missing asset is a 404, the API is proxied, other paths get the page', () => {
    expect(netlify('/assets/index-OLDHASH.js')).toEqual({ to: '/404.html', status: 404 });
    expect(netlify('/coinalyze/v1/exchanges')).toEqual({
      to: 'https://api.coinalyze.net/v1/exchanges',
      status: 200,
    });
    expect(netlify('/some/page')).toEqual({ to: '/index.html', status: 200 });
  });

  it('Vercel: a missing asset matches no rewrite (404), the API is proxied, other paths get the page', () => {
    expect(vercel('/assets/index-OLDHASH.js')).toBeNull();
    expect(vercel('/coinalyze/v1/exchanges')).toBe('https://api.coinalyze.net/v1/exchanges');
    expect(vercel('/some/page')).toBe('/index.html');
    expect(vercel('/')).toBe('/index.html');
  });
});
