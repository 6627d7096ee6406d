/**
 * The study's grouping by event size in basis points of open interest (instead of by peak z): the events with a
 * bp value are split at their tertiles (both sides pooled, so long and short groups share edges), and events
 * without one (no open interest at a covered bar) form a group of their own. Tertiles, not fixed edges, because
 * an event's size in bp scales with the bar: a daily event is hundreds of bp, a 5-minute one a few.
 */
import type { SpikeEvent } from '../events';
import { quantileSorted } from '../inference';
import { BP_BUCKETS, type BpBucket, type MagnitudeBucket } from './types';

/** True for a bp-of-OI group (as opposed to a z bucket). */
export function isBpBucket(b: MagnitudeBucket | 'all'): b is BpBucket {
  return (BP_BUCKETS as readonly string[]).includes(b);
}

/** The two tertile edges of the events' bp-of-OI sizes (type-7 quantiles); NaN when no event has one. */
export function bpEdges(events: readonly Pick<SpikeEvent, 'bpOfOi'>[]): [number, number] {
  const xs = events
    .map((e) => e.bpOfOi ?? Number.NaN)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return [quantileSorted(xs, 1 / 3), quantileSorted(xs, 2 / 3)];
}

/** The bp group of an event of `bp` basis points of open interest (NaN or absent: 'bp-none'). */
export function bpBucket(bp: number | undefined, [lo, hi]: readonly [number, number]): BpBucket {
  if (bp === undefined || !Number.isFinite(bp)) return 'bp-none';
  if (bp < lo) return 'bp-low';
  if (bp < hi) return 'bp-mid';
  return 'bp-high';
}

/** The label of a bp group for tables, e.g. "bp < 12.3", "12.3–40.1 bp", "bp ≥ 40.1", "no OI". */
export function bpBucketLabel(b: BpBucket, [lo, hi]: readonly number[]): string {
  const f = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v.toPrecision(3));
  if (b === 'bp-none') return 'no OI';
  if (b === 'bp-low') return `bp < ${f(lo)}`;
  if (b === 'bp-mid') return `${f(lo)}–${f(hi)} bp`;
  return `bp ≥ ${f(hi)}`;
}
