/** The fetch worker's CSV calls: sniff, streaming dry run, one-transaction commit, streaming export. */
import { transfer } from 'comlink';
import type { ImportBatch } from '../../../core/csv/batch';
import { sniff } from '../../../core/csv/detect';
import { ImportSession, type ImportSpec, targetOf } from '../../../core/csv/session';
import { spikeScores } from '../../../core/csv/spike-columns';
import { broadcastBus, type NoticeBus } from '../../../platform/notice-bus';
import { readSettings } from '../../../storage/settings-repo';
import { type AbortRegistry, throwIfAborted, yieldToEventLoop } from '../../cancel';
import { database } from '../../db-cache';
import { applyBatch } from './apply';
import { convertCoins } from './convert';
import { exportArchive } from './export-archive';
import { exportBars } from './export-bars';
import { previewSeries } from './preview';
import type { CsvApi, ImportPreview } from './types';

const CHUNK_BYTES = 1 << 20;

function throttle(fn: (f: number) => void): (f: number) => void {
  let last = 0;
  return (f) => {
    const now = Date.now();
    if (now - last >= 100 || f >= 1) {
      last = now;
      void fn(f);
    }
  };
}

/** Spike columns with the user's detection settings (kept in the archive database, as the chart uses them). */
async function userSpikeScores() {
  const settings = await readSettings(await database('archive'));
  return spikeScores(settings.spikes);
}

/** Builds the CSV API on the worker's abort registry. */
export function createCsvApi(aborts: AbortRegistry, bus: NoticeBus = broadcastBus()): CsvApi {
  const pending = new Map<number, ImportBatch>();
  let nextId = 1;
  return {
    async csvSniff(file) {
      const sample = 256 * 1024;
      // A File keeps its name through postMessage: it names the synthetic aggregate of an unnamed file.
      const name = file instanceof File ? file.name : '';
      return sniff(await file.slice(0, sample).text(), name, file.size <= sample);
    },

    async csvDryRun(file: Blob, spec: ImportSpec, onProgress, callId) {
      const signal = aborts.signal(callId);
      const progress = throttle(onProgress);
      try {
        const session = new ImportSession(spec);
        const decoder = new TextDecoder();
        // Slices keep memory flat and let abort messages through between pieces.
        for (let off = 0; off < file.size; off += CHUNK_BYTES) {
          const bytes = new Uint8Array(await file.slice(off, off + CHUNK_BYTES).arrayBuffer());
          session.push(decoder.decode(bytes, { stream: true }));
          progress(Math.min(1, (off + CHUNK_BYTES) / file.size) * 0.9);
          await yieldToEventLoop();
          throwIfAborted(signal);
        }
        session.push(decoder.decode());
        const batch = session.end();
        const db = await database('archive');
        if (batch.fatal === null) await convertCoins(db, batch, targetOf(spec));
        throwIfAborted(signal);
        const diff =
          batch.fatal === null
            ? await applyBatch(db, batch, false)
            : { newPoints: 0, overwritten: 0, unchanged: 0 };
        const id = nextId++;
        if (batch.fatal === null) pending.set(id, batch);
        progress(1);
        const preview: ImportPreview = {
          id,
          format: spec.format,
          ...diff,
          rows: batch.rows,
          duplicates: batch.duplicates,
          rejected: batch.rejected,
          rejectedCount: batch.rejectedCount,
          conflicts: batch.conflicts,
          conflictCount: batch.conflictCount,
          series: previewSeries(batch),
          fatal: batch.fatal,
        };
        return preview;
      } finally {
        aborts.release(callId);
      }
    },

    async csvCommit(id) {
      const batch = pending.get(id);
      if (!batch) throw new Error('this import was discarded or already committed; run the dry run again');
      const db = await database('archive');
      const diff = await applyBatch(db, batch, true);
      pending.delete(id);
      // With its kind: the bus drops a data-changed notice without one, so other tabs would not refresh.
      // Open interest and funding go out as `context-changed`, as the fetch loop announces them.
      for (const s of batch.series.values()) {
        const span = {
          db: 'archive' as const,
          interval: s.interval,
          symbols: [s.symbol],
          from: s.ranges[0]?.[0] ?? 0,
          to: s.ranges[s.ranges.length - 1]?.[1] ?? 0,
        };
        if (s.kind === 'liq' || s.kind === 'candle')
          bus.post({ type: 'data-changed', kind: s.kind, ...span });
        else bus.post({ type: 'context-changed', kind: s.kind, ...span });
      }
      return diff;
    },

    async csvDiscard(id) {
      pending.delete(id);
    },

    async csvExport(request, sink, onProgress, callId) {
      const signal = aborts.signal(callId);
      let bytes = 0;
      const out = async (b: Uint8Array) => {
        bytes += b.byteLength;
        return await sink(transfer(b, [b.buffer as ArrayBuffer]));
      };
      const check = async () => {
        await yieldToEventLoop();
        throwIfAborted(signal);
      };
      try {
        const db = await database(request.source);
        const progress = throttle(onProgress);
        const rows =
          request.kind === 'archive'
            ? await exportArchive(db, request, out, progress, check)
            : await exportBars(db, request, out, progress, check, await userSpikeScores());
        return { rows, bytes };
      } finally {
        aborts.release(callId);
      }
    },
  };
}
