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

/** Price text with thousands separators and up to two decimals. */
export function formatPrice(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 2 });
}

/** `YYYY-MM-DD HH:MM` UTC for unix seconds. */
export function formatUtc(t: number): string {
  return `${new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Axis price text: thousands separators, at most two decimals (also fits oscillator values like −0.48). */
export function formatAxisPrice(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
