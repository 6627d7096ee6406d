/**
 * A read over one view's frame kept between refreshes: re-read whole when the frame's grid changed (another start,
 * step or length: a new bar) or a change may have altered what it reads; a refresh that saw only other writes
 * reuses it. The context panes (`ContextCache`) and the alerts' open interest (`FrameOiCache`) keep theirs here.
 */
import type { IDBPDatabase } from 'idb';
import type { BarFrame } from '../../core/series';
import type { LiqLabDB } from '../../storage/schema';
import type { ChangedSpan } from './api';

/** The bar grid a frame read covers. */
export type FrameGrid = Pick<BarFrame, 'start' | 'step'> & { n: number };

/** One frame-wide read, reused until its grid changes or `touches` says a change may alter it. */
export class FrameReadCache<T> {
  private key = '';
  private current: T | null = null;
  /** Reads so far, for tests and diagnostics. */
  reads = 0;

  constructor(
    private readonly touches: (c: ChangedSpan) => boolean,
    private readonly read: (db: IDBPDatabase<LiqLabDB>, grid: FrameGrid) => Promise<T>,
  ) {}

  /** The read of `frame` after `changes` (null: unknown, read again). */
  async refresh(
    db: IDBPDatabase<LiqLabDB>,
    frame: BarFrame,
    changes: readonly ChangedSpan[] | null,
  ): Promise<T> {
    const n = frame.liq.long.length;
    const key = `${frame.start}/${frame.step}/${n}`;
    const stale = changes === null || changes.some(this.touches) || key !== this.key;
    if (this.current !== null && !stale) return this.current;
    this.current = null; // a failed read leaves nothing to reuse
    this.reads++;
    const next = await this.read(db, { start: frame.start, step: frame.step, n });
    this.current = next;
    this.key = key;
    return next;
  }
}
