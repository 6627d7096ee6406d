/**
 * The compute worker's analysis call. Each recent request keeps its frame (a FrameCache) and its incremental
 * analysis, so a live update re-reads only the changed tail and analyses only new or revised bars; the result
 * equals a full load and a full pass. Results are copies, so the cached arrays survive the transfer.
 */
import type { IDBPDatabase } from 'idb';
import type { Analysis } from '../../core/analysis/analyzer';
import { bpScoreNotice } from '../../core/context/liq-bp';
import { isContextKind } from '../../core/context/series';
import { filterKey } from '../../core/market';
import { type BarFrame, frameBuffers, type LiqSeries } from '../../core/series';
import type { LiqLabDB } from '../../storage/schema';
import type { AnalyzeRequest, AnalyzeResult, ChangedSpan, DataSource, FrameContext } from './api';
import { ContextCache } from './context-frame';
import { FrameCache } from './frame-cache';
import { scoredFrame } from './frame-oi';
import { IncrementalAnalysis } from './incremental';

/** Views kept warm; the least recently used goes first. */
const MAX_VIEWS = 6;
/** Past this many pending spans, a view just re-reads from the earliest one. */
const MAX_PENDING = 256;

interface View {
  source: DataSource;
  frames: FrameCache;
  /** Open interest and funding on the frame's bars. */
  context: ContextCache;
  analysis: IncrementalAnalysis;
  /** Changes since this view's last refresh; null when unknown (read everything). */
  pending: ChangedSpan[] | null;
  /** The view's calls run one after another, so each refresh sees the changes before it. */
  queue: Promise<unknown>;
}

const views = new Map<string, View>();

function keyOf(r: AnalyzeRequest): string {
  return JSON.stringify([
    r.source,
    r.asset,
    r.timeframe,
    filterKey(r.filter),
    r.referenceSymbol,
    r.byExchange === true,
    r.params,
  ]);
}

function merge(pending: ChangedSpan[] | null, changes: readonly ChangedSpan[] | null): ChangedSpan[] | null {
  if (pending === null || changes === null) return null;
  const all = [...pending, ...changes];
  if (all.length <= MAX_PENDING) return all;
  return [{ from: Math.min(...all.map((c) => c.from)), to: Math.max(...all.map((c) => c.to)) }];
}

/** What a request's analysis needs; `request.changes` reaches every view of the same source. */
function viewFor(request: AnalyzeRequest, db: (s: DataSource) => Promise<IDBPDatabase<LiqLabDB>>): View {
  const changes = request.changes ?? null;
  for (const v of views.values()) if (v.source === request.source) v.pending = merge(v.pending, changes);
  const key = keyOf(request);
  const found = views.get(key);
  views.delete(key);
  const view = found ?? {
    source: request.source,
    frames: new FrameCache(() => db(request.source), {
      source: request.source,
      asset: request.asset,
      timeframe: request.timeframe,
      filter: request.filter,
      referenceSymbol: request.referenceSymbol,
      byExchange: request.byExchange === true,
    }),
    context: new ContextCache(request.asset, request.filter),
    analysis: new IncrementalAnalysis(request.timeframe, request.params),
    pending: null,
    queue: Promise.resolve(),
  };
  views.set(key, view);
  if (views.size > MAX_VIEWS) views.delete(views.keys().next().value ?? '');
  return view;
}

/** Refreshes the request's frame and analysis; the result's arrays are fresh copies, listed in `buffers`. */
export function analyzeRequest(
  request: AnalyzeRequest,
  db: (s: DataSource) => Promise<IDBPDatabase<LiqLabDB>>,
): Promise<{ result: AnalyzeResult; buffers: ArrayBuffer[] }> {
  const view = viewFor(request, db);
  const run = view.queue.then(async () => {
    const changes = view.pending;
    view.pending = [];
    try {
      // Context notices go to the context cache only: the frame cache's tail re-read sees liquidations and candles.
      const frameChanges =
        changes === null ? null : changes.filter((c) => !(c.kind && isContextKind(c.kind)));
      const { revisedFrom, ...loaded } = await view.frames.refresh(frameChanges);
      const ctx = await view.context.refresh(await db(view.source), loaded.frame, changes);
      // The bp-of-OI score divides by the open interest the OI pane shows, read once for both.
      const scored = scoredFrame(loaded.frame, request.params.spikes.scoreBasis, ctx.oiOpen);
      const analysis = copyAnalysis(view.analysis.update(scored, revisedFrom));
      const frame = copyFrame(loaded.frame);
      const context = copyContext(ctx);
      const basis = request.params.spikes.scoreBasis;
      const scoreNote = basis === 'bpOfOi' ? bpScoreNotice(frame.liq, context.oiOpen) : null;
      const notice = [loaded.notice, scoreNote].filter((x) => x !== null).join(' ') || null;
      const result: AnalyzeResult = { ...loaded, notice, frame, analysis, context, scoreBasis: basis };
      const ctxBuffers = [
        context.oi,
        context.oiOpen,
        context.oiChange,
        context.funding,
        context.predicted,
      ].map((x) => x.buffer as ArrayBuffer);
      return { result, buffers: [...frameBuffers(frame), ...analysisBuffers(analysis), ...ctxBuffers] };
    } catch (e) {
      view.pending = null; // what this refresh saw is unknown now
      throw e;
    }
  });
  view.queue = run.catch(() => undefined);
  return run;
}

function copyLiq(l: LiqSeries): LiqSeries {
  return {
    start: l.start,
    step: l.step,
    long: l.long.slice(),
    short: l.short.slice(),
    covered: l.covered.slice(),
  };
}

function copyFrame(f: BarFrame): BarFrame {
  const c = f.candles;
  return {
    start: f.start,
    step: f.step,
    candles: {
      start: c.start,
      step: c.step,
      open: c.open.slice(),
      high: c.high.slice(),
      low: c.low.slice(),
      close: c.close.slice(),
      volume: c.volume.slice(),
    },
    liq: copyLiq(f.liq),
    ...(f.exchanges
      ? { exchanges: f.exchanges.map((e) => ({ exchange: e.exchange, liq: copyLiq(e.liq) })) }
      : {}),
  };
}

function copyContext(c: FrameContext): FrameContext {
  return {
    oi: c.oi.slice(),
    oiOpen: c.oiOpen.slice(),
    oiChange: c.oiChange.slice(),
    funding: c.funding.slice(),
    predicted: c.predicted.slice(),
    intervals: { ...c.intervals },
  };
}

/** Copies every array so the Analyzer keeps its own buffers when the copies are transferred. */
function copyAnalysis(a: Analysis): Analysis {
  const d = a.detection;
  const s = (x: typeof d.long) => ({
    z: x.z.slice(),
    zRaw: x.zRaw.slice(),
    pEmp: x.pEmp.slice(),
    pTail: x.pTail.slice(),
    pBg: x.pBg.slice(),
    jump: x.jump.slice(),
    ordinaryHour: x.ordinaryHour.slice(),
    spike: x.spike.slice(),
  });
  const o = a.oscillators;
  return {
    ...a,
    detection: { ...d, long: s(d.long), short: s(d.short), total: s(d.total), heatZ: d.heatZ.slice() },
    oscillators: {
      lsi: o.lsi.slice(),
      cldDay: o.cldDay.slice(),
      cldZ: o.cldZ.slice(),
      edgeLong: o.edgeLong.slice(),
      edgeShort: o.edgeShort.slice(),
    },
  };
}

/** Buffers of an analysis, for comlink `transfer`. */
function analysisBuffers(a: Analysis): ArrayBuffer[] {
  const d = a.detection;
  const series = [d.long, d.short, d.total].flatMap((x) => [
    x.z,
    x.zRaw,
    x.pEmp,
    x.pTail,
    x.pBg,
    x.jump,
    x.ordinaryHour,
    x.spike,
  ]);
  const o = a.oscillators;
  return [...series, d.heatZ, o.lsi, o.cldDay, o.cldZ, o.edgeLong, o.edgeShort].map(
    (x) => x.buffer as ArrayBuffer,
  );
}
