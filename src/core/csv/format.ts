/** Writing cells: shortest round-trip numbers, RFC 4180 quoting, and formula-injection neutralising. */

/** Shortest text that reads back to the same double (JS's Number→string is round-trip exact); '' for NaN. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  return String(x);
}

/** Quotes a cell when it holds a delimiter, quote or line break. */
export function quoteCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * A text cell safe for spreadsheets: one starting with = + - @ (or tab / CR) is prefixed with ' so Excel shows
 * it instead of evaluating it. Only text goes through here; numbers are written as numbers.
 */
export function safeText(s: string): string {
  return quoteCell(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
}

/** `YYYY-MM-DD HH:MM:SS` in UTC: what pandas `parse_dates` and Excel both read as a date-time. */
export function utcLabel(t: number): string {
  const iso = new Date(t * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

const PAD2: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
let cachedDay = Number.NaN;
let cachedPrefix = '';

/** ISO 8601 UTC (`2024-08-05T01:00:00Z`) for whole unix seconds; the date part is cached, since exports walk time in order. */
export function isoSeconds(t: number): string {
  const day = Math.floor(t / 86400);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const s = t - day * 86400;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${cachedPrefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s % 60]}Z`;
}
