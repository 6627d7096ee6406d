/** Deep links back into the app: `${origin}/?t=<unix seconds>&tf=<timeframe>` opens the chart at that bar. */
import { isTimeframe, type Timeframe } from '../intervals';

/** Where a deep link points. */
export interface DeepLink {
  time: number;
  timeframe: Timeframe | null;
}

/** Builds the link for an alert (base = the app's origin plus base path, e.g. `https://x.app/`). */
export function buildDeepLink(base: string, time: number, timeframe: Timeframe): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return `${root}?t=${Math.floor(time)}&tf=${encodeURIComponent(timeframe)}`;
}

/** Reads a deep link from a query string (`?t=…&tf=…`); null when there is no valid `t`. */
export function parseDeepLink(search: string): DeepLink | null {
  // Hand-parsed because core has no URLSearchParams (ES library only).
  const params = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const [k = '', v = ''] = pair.split('=');
    if (k && !params.has(k)) params.set(k, safeDecode(v));
  }
  const raw = params.get('t');
  if (raw === undefined || !/^\d{1,12}$/.test(raw)) return null;
  const tf = params.get('tf');
  return { time: Number(raw), timeframe: tf !== undefined && isTimeframe(tf) ? tf : null };
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return '';
  }
}
