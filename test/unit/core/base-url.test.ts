import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BaseUrlCheck, checkBaseUrl } from '../../../src/core/base-url';

const site = { pageOrigin: 'https://user.github.io', officialHost: 'api.coinalyze.net' };
const check = (text: string) => checkBaseUrl(text, site);
const reason = (r: BaseUrlCheck) => (r.ok ? '(accepted)' : r.reason);

describe('API base URL rules', () => {
  it.each(['/coinalyze/v1', '/liqlab/coinalyze/v1/', '/'])('accepts the same-origin path %s', (text) => {
    expect(check(text)).toEqual({ ok: true, kind: 'same-origin' });
  });

  it('accepts Coinalyze itself over https, in any letter case and with its default port', () => {
    for (const text of [
      'https://api.coinalyze.net/v1',
      'HTTPS://API.Coinalyze.NET:443/v1',
      'https://api.coinalyze.net',
    ])
      expect(check(text), text).toEqual({ ok: true, kind: 'official' });
  });

  it('an https URL on the page’s own origin is same-origin', () => {
    expect(check('https://user.github.io/coinalyze/v1')).toEqual({ ok: true, kind: 'same-origin' });
    expect(check('https://user.github.io:443/x')).toEqual({ ok: true, kind: 'same-origin' });
  });

  it('names the host that will see the key when it is neither this site nor Coinalyze', () => {
    expect(check('https://liqlab-proxy.me.workers.dev/v1')).toEqual({
      ok: true,
      kind: 'elsewhere',
      host: 'liqlab-proxy.me.workers.dev',
    });
    expect(check('https://proxy.example:8443/v1')).toEqual({
      ok: true,
      kind: 'elsewhere',
      host: 'proxy.example:8443',
    });
    // Coinalyze on another port, or a look-alike sub-domain, is not Coinalyze.
    expect(check('https://api.coinalyze.net:8443/v1')).toMatchObject({ kind: 'elsewhere' });
    expect(check('https://api.coinalyze.net.evil.example/v1')).toMatchObject({
      kind: 'elsewhere',
      host: 'api.coinalyze.net.evil.example',
    });
  });

  it('allows plain http only for loopback hosts (secure contexts for a browser)', () => {
    expect(check('http://127.0.0.1:8787/v1')).toEqual({
      ok: true,
      kind: 'elsewhere',
      host: '127.0.0.1:8787',
    });
    expect(check('http://localhost:8787/v1')).toEqual({
      ok: true,
      kind: 'elsewhere',
      host: 'localhost:8787',
    });
    expect(check('http://[::1]:8787/v1')).toEqual({ ok: true, kind: 'elsewhere', host: '[::1]:8787' });
    expect(reason(check('http://x/v1'))).toMatch(/unencrypted.*https:\/\//);
    expect(reason(check('http://api.coinalyze.net/v1'))).toMatch(/unencrypted/);
    expect(reason(check('http://localhost.evil.example/v1'))).toMatch(/unencrypted/);
  });

  it('a loopback page talking to a loopback proxy on its own port is same-origin', () => {
    const r = checkBaseUrl('http://127.0.0.1:4173/coinalyze/v1', {
      ...site,
      pageOrigin: 'http://127.0.0.1:4173',
    });
    expect(r).toEqual({ ok: true, kind: 'same-origin' });
  });

  it.each([
    ['//evil.example/v1', /another site \(evil\.example\)/],
    ['javascript:alert(1)', /"javascript:" URL cannot/],
    ['ftp://api.coinalyze.net/v1', /"ftp:" URL cannot/],
    ['data:text/plain,x', /"data:" URL cannot/],
    ['coinalyze/v1', /Start with "\/"/],
    ['api.coinalyze.net/v1', /Start with "\/"/],
    ['', /Enter the API base URL/],
    ['https:api.coinalyze.net', /Write "https:\/\/"/],
    ['https:///v1', /host name is missing/],
    ['https://user:pw@evil.example/v1', /user name and password/],
    ['https://api.coinalyze.net@evil.example/v1', /user name and password/],
    ['https://exa mple.com/v1', /spaces/],
    ['/\\evil.example/v1', /backslashes/],
    ['/\t/evil.example/v1', /control characters/],
    ['https://api.coinalyze.net/v1?x=1', /"\?" and "#"/],
    ['/coinalyze/v1#x', /"\?" and "#"/],
    ['https://bad_host.example/v1', /is not a host name/],
    ['https://bücher.example/v1', /xn--/],
    ['https://user.github.io127.0.0.1/v1', /is not a host name/],
    ['https://1.2.3/v1', /is not a host name/],
    ['https://010.0.0.1/v1', /is not a host name/],
    ['https://[2001:db8::1]/v1', /only \[::1\]/],
    ['https://proxy.example:0/v1', /port "0"/],
    ['https://proxy.example:99999/v1', /port "99999"/],
    ['https://proxy.example:/v1', /port ""/],
    ['not a url at all', /spaces/],
  ])('refuses %j with a reason', (text, why) => {
    const r = check(text);
    expect(r.ok).toBe(false);
    expect(reason(r)).toMatch(why);
  });

  it('whatever it accepts, a browser’s URL parser sends to the same place it says (WHATWG URL as the oracle)', () => {
    const start = fc.constantFrom('https://', 'http://', 'HTTPS://', 'https:', '/', '//', '');
    const piece = fc.constantFrom(
      '/',
      '//',
      '\\',
      'api.coinalyze.net',
      'user.github.io',
      'evil.example',
      '127.0.0.1',
      'localhost',
      '[::1]',
      ':443',
      ':8787',
      ':',
      '@',
      '.',
      'v1',
      '%2f',
      '\t',
      ' ',
      '?',
      '#',
      'javascript:',
      'x_y',
    );
    fc.assert(
      fc.property(start, fc.array(piece, { maxLength: 5 }), (head, parts) => {
        const text = head + parts.join('');
        const r = check(text);
        if (!r.ok) return;
        const url = new URL(`${text.replace(/\/+$/, '')}/exchanges`, site.pageOrigin);
        if (r.kind === 'same-origin') expect(url.origin, text).toBe(site.pageOrigin);
        else if (r.kind === 'official') expect(url.origin, text).toBe('https://api.coinalyze.net');
        else {
          expect(url.host, text).toBe(r.host);
          expect(url.origin === site.pageOrigin || url.host === 'api.coinalyze.net', text).toBe(false);
          expect(
            url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname),
            text,
          ).toBe(true);
        }
        expect(url.username + url.password, text).toBe('');
      }),
      { numRuns: 3000 },
    );
  });
});
