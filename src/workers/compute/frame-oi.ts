/**
 * Open interest at each bar's open for one request's frame, kept between refreshes: what the bp-of-OI score
 * divides by where the OI pane's context is not read anyway (the leader's alert analyzers). It is the same read
 * as the chart's (`readFrameOi`), so an alert scores a bar exactly as the chart does.
 */
import type { IDBPDatabase } from 'idb';
import type { ScoreBasis } from '../../core/context/liq-bp';
import type { ContractFilter } from '../../core/market';
import type { BarFrame } from '../../core/series';
import type { LiqLabDB } from '../../storage/schema';
import type { ChangedSpan } from './api';
import { readFrameOi } from './context-frame';

/** The frame the analysis scores: with its open interest attached under the bp-of-OI basis. */
export function scoredFrame(frame: BarFrame, basis: ScoreBasis, oiOpen: Float64Array): BarFrame {
  return basis === 'bpOfOi' ? { ...frame, oiOpen } : frame;
}

/** True when a change may alter stored open interest (an OI notice, or a span of unknown kind). */
export function touchesOi(c: ChangedSpan): boolean {
  return c.kind === undefined || c.kind === 'oi';
}

/** One frame's open interest at bar opens; re-read whole when the grid grows or open interest was written. */
export class FrameOiCache {
  private key = '';
  private current: Float64Array | null = null;
  /** Reads so far, for tests and diagnostics. */
  reads = 0;

  constructor(
    private readonly asset: string,
    private readonly filter: ContractFilter,
  ) {}

  /** Open interest at the opens of `frame`'s bars after `changes` (null: unknown, read again); NaN where missing. */
  async refresh(
    db: IDBPDatabase<LiqLabDB>,
    frame: BarFrame,
    changes: readonly ChangedSpan[] | null,
  ): Promise<Float64Array> {
    const n = frame.liq.long.length;
    const key = `${frame.start}/${frame.step}/${n}`;
    const stale = changes === null || changes.some(touchesOi) || key !== this.key;
    if (this.current && !stale) return this.current;
    this.current = null; // a failed read leaves nothing to reuse
    this.reads++;
    const oi = await readFrameOi(db, { start: frame.start, step: frame.step, n }, this.asset, this.filter);
    this.current = oi ? oi.scoreOpen : new Float64Array(n).fill(Number.NaN);
    this.key = key;
    return this.current;
  }
}
