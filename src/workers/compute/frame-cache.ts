/**
 * A frame kept between loads of the same request. `refresh` takes the spans stored since the last call (from
 * data-change notices) and re-reads only the bars from the earliest changed one to the end, spliced onto the
 * cached bars before it; the result equals a full `loadFrame` bit for bit (a property test checks it). It reads
 * everything again when the change reaches before the frame's start, the frame's start moves, or what decides how
 * series are read changed (markets, stored intervals, contracts with data, group members).
 * Used by the chart's compute worker and by the leader's alert analyzers.
 */
import type { IDBPDatabase } from 'idb';
import { isContextKind } from '../../core/context/series';
import { BASE_INTERVAL_SECONDS } from '../../core/intervals';
import type { StitchedFrame } from '../../core/stitch';
import { floorTo } from '../../core/time';
import type { ChunkMemo } from '../../storage/chunk-memo';
import type { LiqLabDB } from '../../storage/schema';
import type { ChangedSpan, FrameRequest, FrameResult } from './api';
import { frameResult, readFrameSince } from './frame-loader';
import {
  type ArchiveSnapshot,
  changeStart,
  coverageChangedFrom,
  type FramePlan,
  planFrame,
} from './frame-plan';
import { firstRevisedBar, spliceFrames } from './frame-splice';

export type { ChangedSpan } from './api';

/** What several frames refreshed at one moment share: one archive snapshot and the chunks already read. */
export interface SharedRead {
  snapshot: ArchiveSnapshot;
  chunks: ChunkMemo;
}

/** A refreshed frame plus the first bar that differs from the previous refresh's frame. */
export interface FrameRefresh extends FrameResult {
  /**
   * Index of the first bar whose values differ from the frame the previous call returned (its length when none
   * does; 0 when there was none or its start moved). The incremental analysis restarts when this is older than
   * the previous frame's last bar.
   */
  revisedFrom: number;
}

interface Cached {
  plan: FramePlan;
  stitched: StitchedFrame;
  result: FrameResult;
}

/** The frame of one request, re-read from the first changed bar when the archive changes. */
export class FrameCache {
  private current: Cached | null = null;
  /** How each refresh was served: everything read, only the tail read, or nothing to read. */
  readonly stats = { full: 0, tail: 0, unchanged: 0 };

  constructor(
    private readonly db: () => Promise<IDBPDatabase<LiqLabDB>>,
    readonly request: FrameRequest,
  ) {}

  /**
   * The frame after `changes` (null: unknown changes, read everything). Never mutates a frame it returned. Calls
   * must not overlap. After a failed call the next one reads everything (the changes it was given are spent).
   */
  async refresh(changes: readonly ChangedSpan[] | null, shared?: SharedRead): Promise<FrameRefresh> {
    try {
      return await this.advance(changes, shared);
    } catch (e) {
      this.current = null;
      throw e;
    }
  }

  private async advance(
    changes: readonly ChangedSpan[] | null,
    shared: SharedRead | undefined,
  ): Promise<FrameRefresh> {
    const db = await this.db();
    const plan = await planFrame(db, this.request, shared?.snapshot);
    const prev = this.current;
    const since = prev && changes !== null ? changedSince(prev.plan, plan, changes) : 'all';
    if (prev && since === 'none') {
      this.stats.unchanged++;
      this.current = { ...prev, plan };
      return { ...prev.result, revisedFrom: prev.result.frame.liq.long.length };
    }
    let stitched: StitchedFrame;
    if (prev && typeof since === 'number') {
      this.stats.tail++;
      const tail = await readFrameSince(db, plan, since, shared?.chunks);
      stitched = spliceFrames(prev.stitched, tail, since, plan);
    } else {
      this.stats.full++;
      stitched = await readFrameSince(db, plan, null, shared?.chunks);
    }
    const result = frameResult(this.request, plan, stitched);
    this.current = { plan, stitched, result };
    const from = typeof since === 'number' ? since : Number.NEGATIVE_INFINITY;
    return { ...result, revisedFrom: prev ? firstRevisedBar(prev.result.frame, result.frame, from) : 0 };
  }
}

/** True when a change can alter the frame `plan` reads. */
function touches(c: ChangedSpan, plan: FramePlan): boolean {
  if (!(c.to > c.from)) return false;
  // Open interest and funding are not part of the frame (the compute worker reads them apart, context-frame.ts).
  if (c.kind && isContextKind(c.kind)) return false;
  if (c.interval && plan.target % BASE_INTERVAL_SECONDS[c.interval] !== 0) return false;
  if (c.symbols && c.kind === 'candle')
    return c.symbols.some((s) => plan.sources.some((x) => x.candles.includes(s)));
  if (c.symbols && c.kind === 'liq') return c.symbols.some((s) => plan.symbols.includes(s));
  return true;
}

/**
 * The bar from which the frame must be re-read: a bar start, 'none' when nothing it shows changed, or 'all'
 * when the cached bars cannot be kept.
 */
function changedSince(
  prev: FramePlan,
  next: FramePlan,
  changes: readonly ChangedSpan[],
): number | 'none' | 'all' {
  if (next.shape !== prev.shape || next.start !== prev.start || next.end <= next.start) return 'all';
  // A series whose coverage moved with an exact notice from at or before the move needs no widening: the notice
  // already starts where the write changed a stored value (group sums re-rounded included).
  const explained = (key: string, t: number) => {
    const cut = key.lastIndexOf('|');
    const symbol = key.slice(0, cut);
    const interval = key.slice(cut + 1);
    return changes.some(
      (c) =>
        c.exact === true &&
        c.kind === 'liq' &&
        c.interval === interval &&
        c.from <= t &&
        (c.symbols?.includes(symbol) ?? false),
    );
  };
  let t = coverageChangedFrom(prev, next, explained);
  for (const c of changes)
    if (touches(c, next)) t = Math.min(t, c.exact ? c.from : changeStart(c.from, c.interval ?? null, next));
  if (!Number.isFinite(t) || t >= Math.max(prev.end, next.end)) return next.end === prev.end ? 'none' : 'all';
  const since = floorTo(t, next.target);
  // Bars before the frame start, or after the cached bars end, were never read: read everything.
  if (since < next.start || since > prev.end || since >= next.end) return 'all';
  return since;
}
