/**
 * Diff and commit of an import's open interest and funding series, inside the import's one transaction: values
 * go into `ctxChunks` only where the file has a row (a covered bucket without one stays or becomes a gap, never
 * zero), coverage into `ctxCoverage`, and open interest also moves the contract's group sums (`updateOiGroups`),
 * exactly as a fetched write does.
 */
import { type ContextKind, isContextKind } from '../../../core/context/series';
import type { SeriesBatch } from '../../../core/csv/batch';
import { ensure } from '../../../core/ensure';
import { BASE_INTERVAL_SECONDS } from '../../../core/intervals';
import { addRange } from '../../../core/ranges';
import { blankOhlc } from '../../../storage/context-repo';
import { type OiChunkChange, updateOiGroups } from '../../../storage/oi-groups';
import { CHUNK_SLOTS, type ContextWriteTx, type OhlcChunk } from '../../../storage/schema';
import type { ImportDiff } from './apply';
import { chunkChanged, countDiff, loadChunks, placePoints, settle } from './apply-diff';

/** A batch series of open interest or funding. */
export type ContextSeriesBatch = SeriesBatch & { kind: ContextKind };

/** True for a series of open interest or funding points. */
export function isContextBatch(s: SeriesBatch): s is ContextSeriesBatch {
  return isContextKind(s.kind);
}

const cols = (c: OhlcChunk) => [c.open, c.high, c.low, c.close];

/** Adds the diff of one context series to `diff`; with `write`, stores it (and the OI groups) in `tx`. */
export async function applyContextSeries(
  tx: ContextWriteTx,
  s: ContextSeriesBatch,
  write: boolean,
  diff: ImportDiff,
): Promise<void> {
  const step = BASE_INTERVAL_SECONDS[s.interval];
  const span = step * CHUNK_SLOTS;
  const store = tx.objectStore('ctxChunks');
  const cov = await tx.objectStore('ctxCoverage').get([s.kind, s.symbol, s.interval]);
  const old = cov?.ranges ?? [];
  const read = async (start: number) =>
    (await store.get([s.kind, s.symbol, s.interval, start])) ??
    blankOhlc(s.kind, s.symbol, s.interval, start);
  const chunks = await loadChunks(s.ranges, span, read, cols);
  placePoints(s, step, span, chunks);
  countDiff(s.ranges, old, step, span, chunks, diff);
  if (!write) return;
  const changed = [...chunks.values()].filter(chunkChanged);
  if (s.kind === 'oi') {
    const changes: OiChunkChange[] = changed.map((c) => ({
      start: c.rec.start,
      before: { open: ensure(c.before[0], 'open before'), close: ensure(c.before[3], 'close before') },
      after: c.rec,
    }));
    // Before the chunk puts below: a contract joining a group adds its stored series first, not this write twice.
    await updateOiGroups(tx, s.symbol, s.interval, changes);
  }
  for (const c of changed) settle(store.put(c.rec));
  let ranges = old.map(([a, b]) => [a, b] as [number, number]);
  for (const r of s.ranges) ranges = addRange(ranges, r);
  settle(tx.objectStore('ctxCoverage').put({ kind: s.kind, symbol: s.symbol, interval: s.interval, ranges }));
}
