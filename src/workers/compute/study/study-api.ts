/** Worker-side study and HTF implementation: read the frame, detect, then run the pure study engine. */

import type { IDBPDatabase } from 'idb';
import { levelChange } from '../../../core/context/aggregate';
import type { ContractFilter } from '../../../core/market';
import type { BarFrame } from '../../../core/series';
import { defaultStudyParams } from '../../../core/study/horizons';
import { runStudy } from '../../../core/study/run';
import type { StudyResult } from '../../../core/study/types';
import type { LiqLabDB } from '../../../storage/schema';
import { database } from '../../db-cache';
import { readFrameOi } from '../context-frame';
import { loadFrame } from '../frame-loader';
import type { HtfRequest, HtfRow, StudyApi, StudyProgressCallback, StudyRequest } from './api';
import { detectForStudy } from './pipeline';

/**
 * `frame` with the open interest at its bars' opens (NaN where missing), and the open interest's change per bar:
 * the bp-of-OI score and the study's bp groups divide by the first, the HTF panel shows the second.
 */
async function withOi(db: IDBPDatabase<LiqLabDB>, frame: BarFrame, asset: string, filter: ContractFilter) {
  const n = frame.liq.long.length;
  const oi = await readFrameOi(db, { start: frame.start, step: frame.step, n }, asset, filter);
  const nan = () => new Float64Array(n).fill(Number.NaN);
  return {
    frame: { ...frame, oiOpen: oi ? oi.scoreOpen : nan() },
    oiChange: oi ? levelChange(oi.level) : nan(),
  };
}

/** Progress at most every 100 ms (≤ 10 messages per second across the worker boundary). */
function throttled(cb: StudyProgressCallback | undefined): StudyProgressCallback | undefined {
  if (!cb) return undefined;
  let last = 0;
  return (f, stage) => {
    const now = Date.now();
    if (f < 1 && now - last < 100) return;
    last = now;
    void cb(f, stage);
  };
}

/** Study API implementation (cancellation: the facade terminates the worker). */
export const studyApi: StudyApi = {
  async runStudy(request: StudyRequest, onProgress?: StudyProgressCallback): Promise<StudyResult> {
    const progress = throttled(onProgress);
    progress?.(0, 'loading bars');
    const db = await database(request.source);
    const loaded = await loadFrame(db, { ...request });
    if (loaded.frame.candles.close.length === 0) throw new Error(loaded.notice ?? 'No bars to study');
    // Open interest always: the bp score may need it, and the study can group events by their size in bp of it.
    const { frame } = await withOi(db, loaded.frame, request.asset, request.filter);
    progress?.(0.01, 'detecting spikes');
    const det = detectForStudy(
      frame,
      request.timeframe,
      request.detection?.spikes,
      request.detection?.levels,
    );
    const c = frame.candles;
    return runStudy(
      {
        timeframe: request.timeframe,
        start: frame.start,
        step: frame.step,
        open: c.open,
        high: c.high,
        low: c.low,
        close: c.close,
        events: det.events,
        levels: det.levels,
        touches: det.touches,
        buildLevels: det.buildLevels,
      },
      defaultStudyParams(request.timeframe, request.params),
      progress,
    );
  },

  async loadHtf(request: HtfRequest): Promise<HtfRow[]> {
    const db = await database(request.source);
    const rows: HtfRow[] = [];
    for (const timeframe of request.timeframes) {
      const loaded = await loadFrame(db, { ...request, timeframe });
      const { frame, oiChange } = await withOi(db, loaded.frame, request.asset, request.filter);
      const notice = loaded.notice;
      const n = frame.liq.long.length;
      const from = Math.max(0, n - request.lastN);
      const det =
        n > 0 ? detectForStudy(frame, timeframe, request.detection?.spikes, request.detection?.levels) : null;
      const pick = <T>(f: (i: number) => T): T[] => Array.from({ length: n - from }, (_, k) => f(from + k));
      const eventAt = new Map<number, string>();
      for (const e of det?.events ?? []) eventAt.set(e.firstIndex, e.eventClass);
      rows.push({
        timeframe,
        times: pick((i) => frame.start + i * frame.step),
        long: pick((i) => (frame.liq.covered[i] === 1 ? (frame.liq.long[i] ?? Number.NaN) : Number.NaN)),
        short: pick((i) => (frame.liq.covered[i] === 1 ? (frame.liq.short[i] ?? Number.NaN) : Number.NaN)),
        zLong: pick((i) => det?.zLong[i] ?? Number.NaN),
        zShort: pick((i) => det?.zShort[i] ?? Number.NaN),
        labels: pick((i) => eventAt.get(i) ?? (det?.spikeLong[i] || det?.spikeShort[i] ? 'spike' : '')),
        oiChange: pick((i) => oiChange[i] ?? Number.NaN),
        notice,
      });
    }
    return rows;
  },
};
