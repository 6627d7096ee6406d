/**
 * Open interest at each bar's open for one request's frame, kept between refreshes: what the bp-of-OI score
 * divides by where the OI pane's context is not read anyway (the leader's alert analyzers). It is the same read
 * as the chart's (`readFrameOi`), so an alert scores a bar exactly as the chart does.
 */
import type { ScoreBasis } from '../../core/context/liq-bp';
import type { ContractFilter } from '../../core/market';
import type { BarFrame } from '../../core/series';
import type { ChangedSpan } from './api';
import { readFrameOi } from './context-frame';
import { FrameReadCache } from './frame-read-cache';

/** The frame the analysis scores: with its open interest attached under the bp-of-OI basis. */
export function scoredFrame(frame: BarFrame, basis: ScoreBasis, oiOpen: Float64Array): BarFrame {
  return basis === 'bpOfOi' ? { ...frame, oiOpen } : frame;
}

/** True when a change may alter stored open interest (an OI notice, or a span of unknown kind). */
export function touchesOi(c: ChangedSpan): boolean {
  return c.kind === undefined || c.kind === 'oi';
}

/** One frame's open interest at bar opens (NaN where missing); re-read when the grid grows or OI was written. */
export class FrameOiCache extends FrameReadCache<Float64Array> {
  constructor(asset: string, filter: ContractFilter) {
    super(touchesOi, async (db, grid) => {
      const oi = await readFrameOi(db, grid, asset, filter);
      return oi ? oi.scoreOpen : new Float64Array(grid.n).fill(Number.NaN);
    });
  }
}
