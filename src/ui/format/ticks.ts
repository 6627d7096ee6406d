/**
 * Time-axis labels in UTC, the way lightweight-charts' default formatter writes them (2024, Jun, 12, 14:00), but
 * without Intl.DateTimeFormat: building one per label was the largest single cost of the first chart paint.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What a tick marks, numbered as lightweight-charts' TickMarkType. */
export const TickKind = { Year: 0, Month: 1, DayOfMonth: 2, Time: 3, TimeWithSeconds: 4 } as const;

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Label for a tick at unix seconds `t` of the given kind. */
export function formatTick(t: number, kind: number): string {
  const d = new Date(t * 1000);
  switch (kind) {
    case TickKind.Year:
      return `${d.getUTCFullYear()}`;
    case TickKind.Month:
      return MONTHS[d.getUTCMonth()] ?? '';
    case TickKind.DayOfMonth:
      return `${d.getUTCDate()}`;
    case TickKind.TimeWithSeconds:
      return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
    default:
      return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  }
}
