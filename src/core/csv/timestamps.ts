/** Timestamp cells of other tools: unix seconds or ms, ISO 8601 with zone, or naive labels in a chosen offset. */

/** How a timestamp column is written. */
export type TimeUnit = 'unix_s' | 'unix_ms' | 'iso' | 'naive';

const STAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/** Parses one cell to unix seconds, or null when it is not a timestamp in `unit`. */
export function parseTimestamp(cell: string, unit: TimeUnit, utcOffsetHours: number): number | null {
  const s = cell.trim();
  if (unit === 'unix_s' || unit === 'unix_ms') {
    if (!/^\d+(\.\d+)?$/.test(s)) return null;
    const v = Number(s);
    return unit === 'unix_ms' ? v / 1000 : v;
  }
  const m = STAMP.exec(s);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  if (Number.isNaN(ms) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23) return null;
  let offsetMin = 0;
  if (zone && /^[+-]/.test(zone)) {
    const z = zone.replace(':', '');
    offsetMin = (z.startsWith('-') ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  } else if (!zone && unit === 'naive') offsetMin = utcOffsetHours * 60;
  else if (!zone && unit === 'iso' && m[4] !== undefined) return null; // a bare date is a UTC day
  return ms / 1000 - offsetMin * 60;
}

const UNIX_S = /^\d{9,10}(\.\d+)?$/;
const UNIX_MS = /^\d{12,13}(\.\d+)?$/;
const ZONED = /(Z|UTC|GMT|[+-]\d{2}:?\d{2})$/i;
const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Guesses the unit of a column from sample cells: the unit that more than half of the non-empty cells are written
 * in, or null when no unit has a majority. Odd cells (a 0, a year-9999 value) do not decide; the import rejects
 * their lines by number.
 */
export function detectTimeUnit(samples: readonly string[]): TimeUnit | null {
  const cells = samples.map((s) => s.trim()).filter((s) => s.length > 0);
  if (cells.length === 0) return null;
  const majority = (n: number) => n * 2 > cells.length;
  if (majority(cells.filter((s) => UNIX_S.test(s)).length)) return 'unix_s';
  if (majority(cells.filter((s) => UNIX_MS.test(s)).length)) return 'unix_ms';
  const stamps = cells.filter((s) => STAMP.test(s));
  if (!majority(stamps.length)) return null;
  return stamps.every((s) => ZONED.test(s) || BARE_DATE.test(s)) ? 'iso' : 'naive';
}
