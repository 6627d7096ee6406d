/**
 * Checking and storing one Coinalyze answer. The whole answer is checked before anything is written (a malformed
 * one throws MalformedHistory and stores nothing), then every symbol it holds is written in one transaction, so a
 * failure part-way (storage full) stores nothing either. A requested symbol the answer leaves out keeps its
 * coverage as it was: absence is not "no liquidations".
 */
import type { IDBPDatabase } from 'idb';
import { isContextKind } from '../../core/context/series';
import { coverageStart, type Job } from '../../core/fetch-plan';
import {
  type CheckedHistory,
  checkedCandleRow,
  checkedLiqRow,
  checkedOiRow,
  checkedRateRow,
  checkHistory,
  type HistoryRequest,
} from '../../core/history-check';
import type { Range } from '../../core/ranges';
import { writeContextRanges } from '../../storage/context-repo';
import type { LiqLabDB } from '../../storage/schema';
import { writeCandleRanges, writeLiqRanges } from '../../storage/series-repo';

/** What storing an answer did. */
export interface StoredAnswer {
  /** The jobs whose symbol the answer held (and which were written), in batch order. */
  present: Job[];
  /** Coverage of each present job's series after the write, in the same order. */
  ranges: Range[][];
  /** Earliest time a stored liquidation value changed (group sums included); the request's `from` otherwise. */
  revisedFrom: number;
}

/** One present symbol's write: its rows over [coverage start, to). */
interface Part<T> {
  job: Job;
  write: { symbol: string; from: number; to: number; points: T[] };
}

/** The present jobs of `batch` with where each one's coverage may start (see `coverageStart`). */
function parts<T extends { t: number }>(
  batch: readonly Job[],
  checked: CheckedHistory<T>,
  request: HistoryRequest,
  nowSec: number,
): Part<T>[] {
  const out: Part<T>[] = [];
  for (const job of batch) {
    const points = checked.rows.get(job.symbol);
    if (!points) continue;
    const from = coverageStart(job.interval, request.from, nowSec, points[0]?.t ?? null);
    out.push({ job, write: { symbol: job.symbol, from, to: request.to, points } });
  }
  return out;
}

/**
 * Checks `body` as the answer to `batch` (one kind and interval, asked as `request`) and stores the symbols it
 * holds in one transaction. Throws MalformedHistory (nothing stored) when any of it is malformed.
 */
export async function storeAnswer(
  db: IDBPDatabase<LiqLabDB>,
  batch: readonly Job[],
  request: HistoryRequest,
  body: unknown,
  nowSec: number,
): Promise<StoredAnswer> {
  const head = batch[0];
  if (!head) return { present: [], ranges: [], revisedFrom: request.from };
  const { kind, interval } = head;
  if (kind === 'liq') {
    const ps = parts(batch, checkHistory(body, checkedLiqRow, request), request, nowSec);
    if (ps.length === 0) return { present: [], ranges: [], revisedFrom: request.from };
    const written = await writeLiqRanges(
      db,
      interval,
      ps.map((p) => p.write),
    );
    return {
      present: ps.map((p) => p.job),
      ranges: written.map((w) => w.ranges),
      revisedFrom: Math.min(request.from, ...written.map((w) => w.revisedFrom)),
    };
  }
  if (kind === 'candle') {
    const ps = parts(batch, checkHistory(body, checkedCandleRow, request), request, nowSec);
    const ranges = ps.length
      ? await writeCandleRanges(
          db,
          interval,
          ps.map((p) => p.write),
        )
      : [];
    return { present: ps.map((p) => p.job), ranges, revisedFrom: request.from };
  }
  if (!isContextKind(kind)) throw new Error(`internal error: no store for ${kind}`);
  const ps = parts(
    batch,
    checkHistory(body, kind === 'oi' ? checkedOiRow : checkedRateRow, request),
    request,
    nowSec,
  );
  const written = ps.length
    ? await writeContextRanges(
        db,
        kind,
        interval,
        ps.map((p) => p.write),
      )
    : [];
  return { present: ps.map((p) => p.job), ranges: written.map((w) => w.ranges), revisedFrom: request.from };
}
