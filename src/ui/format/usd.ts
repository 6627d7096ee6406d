/**
 * Number text for axes and legends. Written by hand rather than with toLocaleString: the first Intl call of a page
 * loads locale data (about 100 ms on a cold start, measured in the first-paint profile), and the price axis formats
 * dozens of labels per frame.
 */

/** Compact USD text for axes and legends: $950, $12.3K, $4.56M, $1.2B. */
export function formatUsd(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (!Number.isFinite(value)) return '—';
  if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${sign}$${(abs / 1e3).toFixed(1)}K`;
  return `${sign}$${abs.toFixed(0)}`;
}

/** `value` rounded to `maxDigits` decimals (trailing zeros trimmed down to `minDigits`), thousands grouped by commas. */
export function formatGrouped(value: number, minDigits: number, maxDigits: number): string {
  if (!Number.isFinite(value)) return '—';
  const fixed = Math.abs(value).toFixed(maxDigits);
  const dot = fixed.indexOf('.');
  const whole = dot < 0 ? fixed : fixed.slice(0, dot);
  let fraction = dot < 0 ? '' : fixed.slice(dot + 1);
  let end = fraction.length;
  while (end > minDigits && fraction.charCodeAt(end - 1) === 48) end--;
  fraction = fraction.slice(0, end);
  let grouped = '';
  for (let i = whole.length; i > 0; i -= 3) {
    grouped = whole.slice(Math.max(0, i - 3), i) + (grouped ? `,${grouped}` : '');
  }
  // A value that rounds to zero prints without a sign (no "-0").
  return `${value < 0 && Number(fixed) !== 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** Price text with thousands separators and one or two decimals. */
export function formatPrice(value: number): string {
  return formatGrouped(value, 1, 2);
}

/** Axis price text: thousands separators, at most two decimals (also fits oscillator values like −0.48). */
export function formatAxisPrice(value: number): string {
  return formatGrouped(value, 0, 2);
}

/** `YYYY-MM-DD HH:MM UTC` for unix seconds (`YYYY-MM-DD HH:MM:SS UTC` with `seconds`). */
export function formatUtc(t: number, seconds = false): string {
  return `${new Date(t * 1000)
    .toISOString()
    .slice(0, seconds ? 19 : 16)
    .replace('T', ' ')} UTC`;
}
