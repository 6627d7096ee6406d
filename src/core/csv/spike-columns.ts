/** The bars export's spike columns: robust z of each side and the label of the spike event a bar belongs to. */
import type { Timeframe } from '../intervals';
import type { BarFrame } from '../series';
import { detectSpikes, type SpikeDetection } from '../spikes/detect';
import type { SpikeParams } from '../spikes/params';

/** Spike scores by bar time; NaN / '' for a time outside the scored frame. */
export interface BarScores {
  zLong: (t: number) => number;
  zShort: (t: number) => number;
  event: (t: number) => string;
}

/** Builds the scores of a frame, given the frame the bars come from. */
export type ScoreSource = (frame: BarFrame, timeframe: Timeframe) => BarScores;

/** No spike columns (empty cells). */
export const NO_SCORES: ScoreSource = () => ({
  zLong: () => Number.NaN,
  zShort: () => Number.NaN,
  event: () => '',
});

/**
 * Per-bar columns from a detection on `frame`: z is the (seasonally adjusted) robust z the chart flags with; a bar
 * inside an event's span gets `side class` (e.g. `long onset`), both sides joined by `; `.
 */
export function scoresFrom(frame: BarFrame, d: SpikeDetection): BarScores {
  const n = frame.liq.long.length;
  const labels: string[] = new Array(n).fill('');
  for (const side of ['long', 'short'] as const)
    for (const e of d.events) {
      if (e.side !== side) continue;
      const last = Math.min(n - 1, e.lastIndex ?? e.firstIndex);
      for (let i = Math.max(0, e.firstIndex); i <= last; i++) {
        const text = `${e.side} ${e.eventClass}`;
        labels[i] = labels[i] ? `${labels[i]}; ${text}` : text;
      }
    }
  const index = (t: number) => {
    const i = (t - frame.start) / frame.step;
    return Number.isInteger(i) && i >= 0 && i < n ? i : -1;
  };
  return {
    zLong: (t) => d.long.z[index(t)] ?? Number.NaN,
    zShort: (t) => d.short.z[index(t)] ?? Number.NaN,
    event: (t) => labels[index(t)] ?? '',
  };
}

/** Scores from spike detection with `params` (the user's settings), run on the whole exported frame. */
export function spikeScores(params: SpikeParams): ScoreSource {
  return (frame, timeframe) => scoresFrom(frame, detectSpikes(frame, timeframe, params));
}
