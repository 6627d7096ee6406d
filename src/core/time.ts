/** Unix time in whole seconds, UTC: the unit Coinalyze uses for `from`, `to` and `t`. */
export type UnixSeconds = number & { readonly __brand: 'UnixSeconds' };

/** Marks a number as unix seconds. */
export function unixSeconds(value: number): UnixSeconds {
  return value as UnixSeconds;
}

/**
 * The UTC hour of day (0–23) of a time in seconds. Written with floor instead of `%`: timestamps are past the
 * small-integer range, so `%` on them is a floating-point remainder, a library call per use in the scoring loop.
 */
export function utcHour(t: number): number {
  return Math.floor((t - Math.floor(t / 86400) * 86400) / 3600);
}

/** Start of the bucket of `step` seconds that contains `t` (buckets are aligned to the unix epoch). */
export function floorTo(t: number, step: number): UnixSeconds {
  return (Math.floor(t / step) * step) as UnixSeconds;
}

/** ISO 8601 UTC text for unix seconds, e.g. 2024-08-05T01:00:00Z. */
export function isoUtc(t: number): string {
  return `${new Date(t * 1000).toISOString().slice(0, 19)}Z`;
}

/** Parses a naive `YYYY-MM-DD[ T]HH:MM[:SS]` label written in a fixed UTC offset (hours) into unix seconds. */
export function parseNaiveTime(label: string, utcOffsetHours: number): UnixSeconds | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(label.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return null;
  return (ms / 1000 - utcOffsetHours * 3600) as UnixSeconds;
}
