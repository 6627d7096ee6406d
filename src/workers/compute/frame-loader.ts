/**
 * Builds the chart frame: every stored base interval that divides the timeframe is read and binned, then stitched
 * finest-first, so older history kept only at coarser intervals still shows (exactly) where finer data is gone.
 * `readFrameSince` reads only the bars from a given bar onwards: every bar depends on its own buckets alone, so
 * those bars equal the same bars of a full read.
 */
import type { IDBPDatabase } from 'idb';
import { binCandles, binLiq } from '../../core/binning';
import { ensure } from '../../core/ensure';
import { finerDataNotice } from '../../core/frame-notice';
import type { BaseInterval } from '../../core/intervals';
import { emptyCandles, emptyLiq } from '../../core/series';
import { type StitchedFrame, type StitchSource, stitch, stitchNotice } from '../../core/stitch';
import { unixSeconds } from '../../core/time';
import type { ChunkMemo } from '../../storage/chunk-memo';
import { hasGroups } from '../../storage/liq-groups';
import { type LiqChunkGets, readLiqPlanned } from '../../storage/liq-read';
import type { LiqLabDB } from '../../storage/schema';
import type { FrameRequest, FrameResult } from './api';
import { readCandlesFilled } from './candle-source';
import { type FramePlan, planFrame } from './frame-plan';

type ChunkKey = [string, BaseInterval, number];

/** Loads and bins the frame `request` describes. */
export async function loadFrame(db: IDBPDatabase<LiqLabDB>, request: FrameRequest): Promise<FrameResult> {
  const plan = await planFrame(db, request);
  return frameResult(request, plan, await readFrameSince(db, plan, null));
}

/**
 * Reads the bars of `plan` from `since` (a bar start; null: the whole frame) to its end, stitched. With `since`,
 * sources whose bars all end before it are not read, and the result's `sourceStarts` name only the sources read.
 * `memo` shares chunks with other frames read at the same moment.
 */
export async function readFrameSince(
  db: IDBPDatabase<LiqLabDB>,
  plan: FramePlan,
  since: number | null,
  memo?: ChunkMemo,
): Promise<StitchedFrame> {
  const wanted = plan.sources.flatMap((s) => {
    const from = since === null ? s.from : Math.max(s.from, since);
    return s.end > from ? [{ s, from }] : [];
  });
  // Every source in one transaction with all gets in flight: one snapshot, and no round trip per source.
  const stores = hasGroups(db)
    ? (['liqChunks', 'liqGroups', 'candleChunks'] as const)
    : (['liqChunks', 'candleChunks'] as const);
  const tx = db.transaction([...stores], 'readonly');
  const liqGet = (key: ChunkKey) => tx.objectStore('liqChunks').get(key);
  const groupGet = (key: ChunkKey) => tx.objectStore('liqGroups').get(key);
  const candleGet = (key: ChunkKey) => tx.objectStore('candleChunks').get(key);
  const liqGets: LiqChunkGets = memo
    ? { liq: (k) => memo.get('liqChunks', k, liqGet), group: (k) => memo.get('liqGroups', k, groupGet) }
    : { liq: liqGet, group: groupGet };
  const candleGets = memo ? (k: ChunkKey) => memo.get('candleChunks', k, candleGet) : candleGet;
  const sources: StitchSource[] = await Promise.all(
    wanted.map(async ({ s, from }) => {
      const read = ensure(plan.reads.get(s.interval), `read plan of ${s.interval}`);
      const ex = plan.exchanges;
      const exReads = ex ? ensure(ex.reads.get(s.interval), `exchange reads of ${s.interval}`) : [];
      const [liq, candles, ...perExchange] = await Promise.all([
        readLiqPlanned(liqGets, read, s.interval, from, s.to),
        readCandlesFilled(candleGets, s.candles, s.interval, from, s.to),
        ...exReads.map((r) => readLiqPlanned(liqGets, r, s.interval, from, s.to)),
      ]);
      // The frame's newest bar is open: where this source's coverage ends inside it, the sum so far stands for it.
      const open = s.end === plan.end && s.to < s.end ? s.to : undefined;
      const source: StitchSource = {
        label: s.interval,
        liq: binLiq(liq, plan.target, open),
        candles: binCandles(candles, plan.target),
      };
      if (!ex) return source;
      const exchanges = ex.codes.map((exchange, e) => ({
        exchange,
        liq: binLiq(ensure(perExchange[e], `${exchange} read`), plan.target, open),
      }));
      return { ...source, exchanges };
    }),
  );
  await tx.done;
  return stitch(sources, plan.target, plan.exchanges?.codes);
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
        ...(plan.exchanges ? { exchanges: [] } : {}),
      },
      notice: first ? finerDataNotice(request.timeframe, first) : 'No data stored yet',
      historyStart: null,
    };
  }
  return {
    frame: s.frame,
    notice: plan.dividing.length > 1 ? stitchNotice(request.timeframe, s) : null,
    historyStart: s.historyStart,
  };
}
