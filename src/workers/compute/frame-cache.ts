/**
 * A frame kept between loads of the same request. `refresh` takes the time ranges stored since the last call
 * (from data-change notices) and returns the current frame; with no recorded change it returns the cached one.
 * Used for the leader's alert analyzers, which follow every change of the archive.
 */
import type { IDBPDatabase } from 'idb';
import type { LiqLabDB } from '../../storage/schema';
import type { FrameRequest, FrameResult } from './api';
import { loadFrame } from './frame-loader';

/** A changed span, in unix seconds, [from, to). */
export interface ChangedSpan {
  from: number;
  to: number;
}

/** The frame of one request, re-read when the archive changes. */
export class FrameCache {
  private current: FrameResult | null = null;

  constructor(
    private readonly db: () => Promise<IDBPDatabase<LiqLabDB>>,
    readonly request: FrameRequest,
  ) {}

  /** The frame after `changes` (null: unknown changes, read everything). */
  async refresh(changes: readonly ChangedSpan[] | null): Promise<FrameResult> {
    if (this.current && changes !== null && changes.length === 0) return this.current;
    this.current = await loadFrame(await this.db(), this.request);
    return this.current;
  }
}
