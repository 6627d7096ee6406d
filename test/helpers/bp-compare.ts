/**
 * How the flagged events differ between the USD score and the bp-of-open-interest score on one frame: both runs
 * with the default spike settings on the same bars, from the first bar with open interest (so both baselines see
 * the same history and only the denominator differs), compared where both can score (from the bp score's first z
 * to the last bar with open interest). Events match when they are on the same side and their spans overlap. Shared by scripts/bp-oi-compare.mjs (docs/method.md's tables) and the test asserting
 * the same numbers.
 */
import type { SpikeEvent } from '../../src/core/events';
import type { Timeframe } from '../../src/core/intervals';
import { type BarFrame, sliceFrame } from '../../src/core/series';
import { detectSpikes } from '../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS, type SpikeParams } from '../../src/core/spikes/params';

/** One side of the comparison. */
export interface ScoreComparison {
  /** The bars both runs see: `frame` from this bar on (its first with open interest). */
  start: number;
  /** Bars both scores can flag, indexes of `frame`: from the bp score's first z to the last bar with OI, [from, to). */
  from: number;
  to: number;
  usd: SpikeEvent[];
  bp: SpikeEvent[];
  both: Array<{ usd: SpikeEvent; bp: SpikeEvent }>;
  usdOnly: SpikeEvent[];
  bpOnly: SpikeEvent[];
}

const lastOf = (e: SpikeEvent) => e.lastIndex ?? e.firstIndex;
const overlap = (a: SpikeEvent, b: SpikeEvent) =>
  a.side === b.side && a.firstIndex <= lastOf(b) && b.firstIndex <= lastOf(a);

/** Runs both scores on `frame` with `oiOpen` (attached to both runs, so every event carries its bp size). */
export function compareScores(
  frame: BarFrame,
  oiOpen: Float64Array,
  timeframe: Timeframe,
  params: SpikeParams = DEFAULT_SPIKE_PARAMS,
): ScoreComparison {
  const start = oiOpen.findIndex((v) => v > 0);
  if (start < 0) throw new Error('no open interest on these bars');
  const f = sliceFrame({ ...frame, oiOpen }, start);
  const usdRun = detectSpikes(f, timeframe, { ...params, scoreBasis: 'usd' });
  const bpRun = detectSpikes(f, timeframe, { ...params, scoreBasis: 'bpOfOi' });
  const first = Math.min(
    Array.from(bpRun.long.z).findIndex(Number.isFinite),
    Array.from(bpRun.short.z).findIndex(Number.isFinite),
  );
  if (first < 0) throw new Error('the bp score scores no bar');
  const from = start + first;
  let to = oiOpen.length;
  while (to > from && !((oiOpen[to - 1] ?? Number.NaN) > 0)) to--;
  // Back to `frame`'s indexes, so callers read its bars and open interest.
  const shift = (e: SpikeEvent): SpikeEvent => ({
    ...e,
    firstIndex: e.firstIndex + start,
    ...(e.lastIndex === undefined ? {} : { lastIndex: e.lastIndex + start }),
  });
  const inside = (e: SpikeEvent) => e.firstIndex >= from && e.firstIndex < to;
  const usd = usdRun.events.map(shift).filter(inside);
  const bp = bpRun.events.map(shift).filter(inside);
  const both: ScoreComparison['both'] = [];
  for (const u of usd) {
    const b = bp.find((x) => overlap(u, x));
    if (b) both.push({ usd: u, bp: b });
  }
  return {
    start,
    from,
    to,
    usd,
    bp,
    both,
    usdOnly: usd.filter((u) => !bp.some((x) => overlap(u, x))),
    bpOnly: bp.filter((b) => !usd.some((x) => overlap(b, x))),
  };
}
