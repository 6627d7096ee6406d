/** Pure gates applied just before queueing: quiet hours and cooldowns (state is passed in, stored elsewhere). */
import type { QuietHours } from './config';

/** Minutes after local midnight for `nowMs`, given the zone offset as Date#getTimezoneOffset reports it. */
export function localMinutes(nowMs: number, tzOffsetMin: number): number {
  const m = Math.floor((nowMs / 60_000 - tzOffsetMin) % 1440);
  return m < 0 ? m + 1440 : m;
}

/** True inside quiet hours; the window [start, end) may wrap past midnight; start = end means never. */
export function isQuiet(q: QuietHours, nowMs: number, tzOffsetMin: number): boolean {
  if (!q.enabled || q.startMin === q.endMin) return false;
  const m = localMinutes(nowMs, tzOffsetMin);
  return q.startMin < q.endMin ? m >= q.startMin && m < q.endMin : m >= q.startMin || m < q.endMin;
}

/** True when a cooldown bucket last fired at `lastAtMs` is quiet again at `nowMs`. */
export function cooldownOver(lastAtMs: number | undefined, cooldownMs: number, nowMs: number): boolean {
  return lastAtMs === undefined || nowMs - lastAtMs >= cooldownMs;
}

/** "HH:MM" for minutes after midnight (settings inputs). */
export function formatClock(min: number): string {
  const h = Math.floor(min / 60) % 24;
  return `${String(h).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

/** Minutes after midnight for "HH:MM", or null when malformed. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}
