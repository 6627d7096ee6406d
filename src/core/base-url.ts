/**
 * Which API base URLs LiqLab will send a secret (the Coinalyze key, the Telegram bot token) to. A base URL is
 * either a path on this site (`/coinalyze/v1`, served by the site's own proxy) or an `https://` URL; plain
 * `http://` only for loopback hosts, which browsers treat as secure. Everything else is refused with a reason,
 * because a lenient reading sends the secret somewhere the user did not mean: `//evil.example` and
 * `/\evil.example` are both another host to a browser. Hand-parsed: core has no URL class (ES library only).
 */

/** The services' own API hosts: a base URL there needs no note about who sees the secret. */
export const OFFICIAL_HOSTS = { coinalyze: 'api.coinalyze.net', telegram: 'api.telegram.org' } as const;

/** Where the secret goes when the base URL is accepted. */
export type BaseUrlTarget =
  /** A path or URL on the page's own origin. */
  | { kind: 'same-origin' }
  /** The service itself (api.coinalyze.net, api.telegram.org). */
  | { kind: 'official' }
  /** Any other host, which will see the secret: `host` is what to name to the user (with a port if given). */
  | { kind: 'elsewhere'; host: string };

/** The verdict on one base URL. */
export type BaseUrlCheck = ({ ok: true } & BaseUrlTarget) | { ok: false; reason: string };

/** What the check compares against. */
export interface BaseUrlContext {
  /** The page's origin, e.g. `https://user.github.io` (location.origin). */
  pageOrigin: string;
  /** The service's own host, e.g. `api.coinalyze.net`. */
  officialHost: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const HINT = 'Use a path on this site such as /coinalyze/v1, or an https:// URL.';

const refuse = (reason: string): BaseUrlCheck => ({ ok: false, reason });

/** Accepts a same-origin path or an https:// (or loopback http://) URL; refuses anything else with a reason. */
export function checkBaseUrl(text: string, ctx: BaseUrlContext): BaseUrlCheck {
  if (text === '') return refuse(`Enter the API base URL. ${HINT}`);
  // Browsers drop tabs and newlines inside URLs and read "\" as "/": "/\tevil" and "/\evil" become "//evil".
  if ([...text].some((c) => c <= ' ' || c === '\u007f' || c === '\\'))
    return refuse('Remove the spaces, control characters or backslashes: browsers rewrite them.');
  if (/[?#]/.test(text))
    return refuse('Leave out "?" and "#": the base URL is a path that requests are appended to.');
  if (text.startsWith('//'))
    return refuse(
      `"//" at the start means another site (${authorityOf(text.slice(2))}), not a path. ${HINT}`,
    );
  if (text.startsWith('/')) return { ok: true, kind: 'same-origin' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return refuse(`Start with "/" for a path on this site, or with "https://".`);
  if (scheme !== 'https' && scheme !== 'http')
    return refuse(`A "${scheme}:" URL cannot be an API base URL. ${HINT}`);
  const rest = text.slice(scheme.length + 1);
  if (!rest.startsWith('//')) return refuse(`Write "${scheme}://" followed by the host name.`);
  const authority = authorityOf(rest.slice(2));
  const host = parseAuthority(authority);
  if (typeof host !== 'object') return refuse(host);
  if (scheme === 'http' && !LOOPBACK.has(host.name))
    return refuse(
      'Plain http:// would send the key unencrypted: use https:// (http:// is allowed only for localhost).',
    );
  const port = host.port === DEFAULT_PORT[scheme] ? '' : host.port;
  const origin = `${scheme}://${host.name}${port ? `:${port}` : ''}`;
  if (origin === ctx.pageOrigin.toLowerCase()) return { ok: true, kind: 'same-origin' };
  if (scheme === 'https' && port === '' && host.name === ctx.officialHost)
    return { ok: true, kind: 'official' };
  return { ok: true, kind: 'elsewhere', host: port ? `${host.name}:${port}` : host.name };
}

/**
 * A browser reads a host whose last label is a number as an IPv4 address (and `1.2.3` or `a.9` as an error or a
 * different address), so such a host must be four plain decimal parts of at most 255.
 */
function plainOrIpv4(name: string): boolean {
  const labels = name.split('.');
  if (!/^(\d+|0x[0-9a-f]*)$/.test(labels[labels.length - 1] ?? '')) return true;
  return labels.length === 4 && labels.every((l) => /^(0|[1-9]\d{0,2})$/.test(l) && Number(l) <= 255);
}

/** The text up to the first "/", i.e. what a browser reads as user info, host and port. */
function authorityOf(afterSlashes: string): string {
  const end = afterSlashes.indexOf('/');
  return end === -1 ? afterSlashes : afterSlashes.slice(0, end);
}

/** Host (lower case) and port ('' when absent), or the reason the authority is unusable. */
function parseAuthority(authority: string): { name: string; port: string } | string {
  if (authority.includes('@'))
    return 'Leave out the user name and password ("…@"): the host after "@" is where the key would go.';
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  const name = m?.[1]?.toLowerCase() ?? '';
  const port = m?.[2] ?? '';
  if (!m || name === '') return 'The host name is missing.';
  if (!(HOSTNAME.test(name) && plainOrIpv4(name)) && name !== '[::1]')
    return `"${name}" is not a host name (use letters, digits, "-" and "."; write international names as xn--…; of IPv6 addresses only [::1]).`;
  if (m[2] !== undefined && (port === '' || Number(port) < 1 || Number(port) > 65535))
    return `The port "${port}" is not a number from 1 to 65535.`;
  return { name, port: port === '' ? '' : String(Number(port)) };
}
