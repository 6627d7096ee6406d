/** The compute worker's analysis call: frame + incremental analysis kept per request, results copied for transfer. */
import type { Analysis } from '../../core/analysis/analyzer';
import type { Timeframe } from '../../core/intervals';
import { filterKey } from '../../core/market';
import { type BarFrame, frameBuffers } from '../../core/series';
import type { AnalyzeRequest, AnalyzeResult, FrameResult } from './api';
import { IncrementalAnalysis } from './incremental';

const cache = new Map<string, IncrementalAnalysis>();

function keyOf(r: AnalyzeRequest, tf: Timeframe): string {
  return JSON.stringify([r.source, tf, filterKey(r.filter), r.referenceSymbol, r.params]);
}

/** Analyzes `frame`, reusing the previous Analyzer when the frame only grew or its last bar changed. */
export function analyzeFrame(request: AnalyzeRequest, tf: Timeframe, frame: BarFrame): Analysis {
  const key = keyOf(request, tf);
  let c = cache.get(key);
  if (!c) {
    c = new IncrementalAnalysis(tf, request.params);
    cache.set(key, c);
  }
  // Only a handful of views stay warm; the oldest goes first.
  if (cache.size > 6) cache.delete(cache.keys().next().value ?? '');
  return copyAnalysis(c.update(frame));
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
export function analysisBuffers(a: Analysis): ArrayBuffer[] {
  const d = a.detection;
  const series = [d.long, d.short, d.total].flatMap((x) => [x.z, x.zRaw, x.pEmp, x.pTail, x.pBg, x.spike]);
  const o = a.oscillators;
  return [...series, d.heatZ, o.lsi, o.cldDay, o.cldZ, o.edgeLong, o.edgeShort].map(
    (x) => x.buffer as ArrayBuffer,
  );
}

/** The full result for a loaded frame. */
export function analyzeLoaded(
  request: AnalyzeRequest,
  loaded: FrameResult,
): { result: AnalyzeResult; buffers: ArrayBuffer[] } {
  const analysis = analyzeFrame(request, request.timeframe, loaded.frame);
  const buffers = [...frameBuffers(loaded.frame), ...analysisBuffers(analysis)];
  return { result: { ...loaded, analysis }, buffers };
}
