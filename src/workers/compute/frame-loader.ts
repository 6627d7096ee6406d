/**
 * Builds the chart frame: every stored base interval that divides the timeframe is read and binned, then stitched
 * finest-first, so older history kept only at coarser intervals still shows (exactly) where finer data is gone.
 * `readFrameSince` reads only the bars from a given bar onwards: every bar depends on its own buckets alone, so
 * those bars equal the same bars of a full read.
 */
import type { IDBPDatabase } from 'idb';
import { binCandles, binLiq } from '../../core/binning';
import { emptyCandles, emptyLiq } from '../../core/series';
import { type StitchedFrame, type StitchSource, stitch, stitchNotice } from '../../core/stitch';
import { unixSeconds } from '../../core/time';
import type { LiqLabDB } from '../../storage/schema';
import { readLiqSum } from '../../storage/series-repo';
import type { FrameRequest, FrameResult } from './api';
import { readCandlesFilled } from './candle-source';
import { type FramePlan, planFrame } from './frame-plan';

/** Loads and bins the frame `request` describes. */
export async function loadFrame(db: IDBPDatabase<LiqLabDB>, request: FrameRequest): Promise<FrameResult> {
  const plan = await planFrame(db, request);
  return frameResult(request, plan, await readFrameSince(db, plan, null));
}

/**
 * Reads the bars of `plan` from `since` (a bar start; null: the whole frame) to its end, stitched. With `since`,
 * sources whose bars all end before it are not read, and the result's `sourceStarts` name only the sources read.
 */
export async function readFrameSince(
  db: IDBPDatabase<LiqLabDB>,
  plan: FramePlan,
  since: number | null,
): Promise<StitchedFrame> {
  const sources: StitchSource[] = [];
  for (const s of plan.sources) {
    const from = since === null ? s.from : Math.max(s.from, since);
    if (s.end <= from) continue;
    sources.push({
      label: s.interval,
      liq: binLiq(await readLiqSum(db, plan.symbols, s.interval, from, s.to), plan.target),
      candles: binCandles(await readCandlesFilled(db, s.candles, s.interval, from, s.to), plan.target),
    });
  }
  return stitch(sources, plan.target);
}

/** The frame result of a stitched read of the whole plan (or of a splice equal to one). */
export function frameResult(request: FrameRequest, plan: FramePlan, s: StitchedFrame): FrameResult {
  if (plan.dividing.length === 0) {
    const empty = unixSeconds(0);
    const first = plan.stored[0];
    return {
      frame: {
        start: empty,
        step: plan.target,
        candles: emptyCandles(empty, plan.target, 0),
        liq: emptyLiq(empty, plan.target, 0),
      },
      notice: first
        ? `${request.timeframe} needs data finer than the stored ${first} buckets`
        : 'No data stored yet',
      historyStart: null,
    };
  }
  return {
    frame: s.frame,
    notice: plan.dividing.length > 1 ? stitchNotice(request.timeframe, s) : null,
    historyStart: s.historyStart,
  };
}
