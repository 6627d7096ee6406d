/** Turns spike events into study rows at t0 = close of the first spike bar, and assigns them to table groups. */
import type { Side, SpikeEvent } from '../events';
import { eventRarity } from '../spikes/rarity';
import { type BarStats, NEVER } from './bars';
import { bpBucket } from './bp-groups';
import { magnitudeBucket } from './horizons';
import {
  BP_BUCKETS,
  BUCKETS,
  CLASSES,
  type EventRow,
  type GroupKey,
  type StudyGroupBy,
  type StudyInput,
  type StudyParams,
} from './types';

/** An event ready for the placebo loop. */
export interface PreparedEvent {
  row: EventRow;
  t0: number;
  lastIndex: number;
  /** +1 for long-liquidation events (bounce hypothesis), −1 for short ones. */
  dir: 1 | -1;
  /** Indexes into `groupKeys()` this event belongs to. */
  groups: number[];
}

const SIDES: readonly Side[] = ['long', 'short'];

/** Table groups per side: pooled, each size group (by z or by bp of open interest), each event class. */
export function groupKeys(groupBy: StudyGroupBy = 'z'): GroupKey[] {
  const keys: GroupKey[] = [];
  for (const side of SIDES) {
    keys.push({ side, bucket: 'all', eventClass: 'all' });
    for (const bucket of groupBy === 'bpOfOi' ? BP_BUCKETS : BUCKETS)
      keys.push({ side, bucket, eventClass: 'all' });
    for (const eventClass of CLASSES) keys.push({ side, bucket: 'all', eventClass });
  }
  return keys;
}

/** Index of the bar the event's last spike bar falls in. */
export function lastIndexOf(e: SpikeEvent, input: StudyInput): number {
  return e.firstIndex + Math.max(0, Math.round((e.lastTime - e.firstTime) / input.step));
}

/**
 * Builds rows for events with enough history (ATR and σ̂ defined at t0), sorted by time; `edges` are the bp-of-OI
 * tertiles when the study groups by them.
 */
export function prepareEvents(
  input: StudyInput,
  params: StudyParams,
  stats: BarStats,
  edges: readonly [number, number] = [Number.NaN, Number.NaN],
): PreparedEvent[] {
  const keys = groupKeys(params.groupBy);
  const find = (k: GroupKey) =>
    keys.findIndex((g) => g.side === k.side && g.bucket === k.bucket && g.eventClass === k.eventClass);
  const hs = params.horizons;
  const hMax = hs[hs.length - 1] ?? 1;
  const out: PreparedEvent[] = [];
  for (const e of input.events) {
    const t0 = e.firstIndex;
    if (t0 < 0 || t0 >= stats.n) continue;
    const atr = stats.atr[t0] ?? Number.NaN;
    if (!(atr > 0) || !Number.isFinite(stats.sigmaPre[t0])) continue;
    const dir: 1 | -1 = e.side === 'long' ? 1 : -1;
    const bucket = params.groupBy === 'bpOfOi' ? bpBucket(e.bpOfOi, edges) : magnitudeBucket(e);
    const fav = dir === 1 ? stats.upAtr : stats.downAtr;
    const adv = dir === 1 ? stats.downAtr : stats.upAtr;
    const tFav = (dir === 1 ? stats.tUp : stats.tDown)[t0] ?? NEVER;
    const tAdv = (dir === 1 ? stats.tDown : stats.tUp)[t0] ?? NEVER;
    const row: EventRow = {
      id: e.id,
      time: input.start + t0 * input.step,
      side: e.side,
      bucket,
      eventClass: e.eventClass,
      rarity: eventRarity(e),
      maxZ: e.maxZ,
      usd: e.usd,
      bpOfOi: e.bpOfOi ?? Number.NaN,
      p0: input.close[t0] ?? Number.NaN,
      atr,
      signedBp: hs.map((_, k) => dir * (stats.ar[k]?.[t0] ?? Number.NaN) * 1e4),
      rawBp: hs.map((_, k) => (stats.raw[k]?.[t0] ?? Number.NaN) * 1e4),
      mfeAtr: hs.map((_, k) => fav[k]?.[t0] ?? Number.NaN),
      maeAtr: hs.map((_, k) => adv[k]?.[t0] ?? Number.NaN),
      outcome: firstTouch(tFav, tAdv, hMax),
    };
    const groups = [
      find({ side: e.side, bucket: 'all', eventClass: 'all' }),
      find({ side: e.side, bucket, eventClass: 'all' }),
      find({ side: e.side, bucket: 'all', eventClass: e.eventClass }),
    ];
    out.push({ row, t0, lastIndex: lastIndexOf(e, input), dir, groups });
  }
  return out.sort((a, b) => a.t0 - b.t0);
}

/**
 * Which of ±1 ATR came first within `h` bars. A bar that touches both is counted adverse: with bar data the
 * order inside the bar is unknown, and the conservative reading avoids flattering the signal.
 */
export function firstTouch(tFav: number, tAdv: number, h: number): EventRow['outcome'] {
  if (tFav <= h && tFav < tAdv) return 'favourable';
  if (tAdv <= h) return 'adverse';
  return 'neither';
}
