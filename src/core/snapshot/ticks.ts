/** Axis ticks for drawings made without lightweight-charts: round prices and UTC time labels. */

/** The round step (1, 2, 2.5 or 5 × 10^k) that splits `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count >= 1)) throw new Error(`niceStep: span ${span} and count ${count} must be > 0`);
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** Multiples of a round step inside [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const step = niceStep(max - min, count);
  const out: number[] = [];
  // A hair of tolerance, so 0.7 / 0.1 = 7.000000000000001 still counts 0.7 as inside [0.1, 0.7].
  const last = Math.floor(max / step + 1e-9);
  const decimals = Math.min(20, Math.max(0, Math.ceil(-Math.log10(step)) + 1));
  for (let k = Math.ceil(min / step - 1e-9); k <= last; k++) {
    // k * step rounded to the step's own decimals: 3 * 0.1 would otherwise print 0.30000000000000004.
    out.push(Number((k * step).toFixed(decimals)));
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400;
const MONTH = -1;
/** Label spacings tried from fine to coarse (seconds; MONTH = first of each month). */
const SPACINGS = [
  60,
  120,
  300,
  600,
  900,
  1800,
  3600,
  7200,
  10_800,
  21_600,
  43_200,
  DAY,
  2 * DAY,
  7 * DAY,
  MONTH,
];

/** One label on the time axis. */
export interface TimeTick {
  /** Index of the bar in the frame. */
  index: number;
  /** Bar start, unix seconds. */
  time: number;
  label: string;
  /** A day, month or year boundary: drawn bold, as the chart does. */
  major: boolean;
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** The chart's label for a bar starting at `t`: the year, month or day at their boundaries, else HH:MM (UTC). */
export function timeLabel(t: number): { label: string; major: boolean } {
  const d = new Date(t * 1000);
  if (t % DAY !== 0) return { label: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`, major: false };
  if (d.getUTCDate() !== 1) return { label: String(d.getUTCDate()), major: true };
  if (d.getUTCMonth() !== 0) return { label: MONTHS[d.getUTCMonth()] ?? '', major: true };
  return { label: String(d.getUTCFullYear()), major: true };
}

function onSpacing(t: number, spacing: number): boolean {
  return spacing === MONTH ? t % DAY === 0 && new Date(t * 1000).getUTCDate() === 1 : t % spacing === 0;
}

/**
 * Labels for bars [from, to) of a grid (`start`, `step`): the finest UTC-aligned spacing that gives at most
 * `maxLabels`, so 15m bars get hours and 1D bars get weeks or months, as a chart's axis would.
 */
export function timeTicks(
  start: number,
  step: number,
  from: number,
  to: number,
  maxLabels: number,
): TimeTick[] {
  for (const spacing of SPACINGS) {
    if (spacing !== MONTH && (spacing < step || spacing % step !== 0)) continue;
    const out: TimeTick[] = [];
    for (let i = from; i < to; i++) {
      const time = start + i * step;
      if (onSpacing(time, spacing)) out.push({ index: i, time, ...timeLabel(time) });
    }
    if (out.length <= maxLabels) return out;
  }
  return [];
}

/** Axis price text as the chart writes it: thousands grouped, at most two decimals, no trailing zeros (61,659.8). */
export function axisPrice(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const [int = '0', dec = ''] = Math.abs(v).toFixed(2).split('.');
  const frac = dec.replace(/0+$/, '');
  const sign = v < 0 && Number(Math.abs(v).toFixed(2)) !== 0 ? '-' : '';
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}
