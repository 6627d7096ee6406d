/**
 * The running backfill as the fetching tab reports it (status notices on the `liqlab` channel): per-interval
 * progress and the expected completion time. Read straight from the notices so any tab shows it.
 */
import { useEffect, useState } from 'preact/hooks';
import { BASE_INTERVALS } from '../../core/intervals';
import { type FetchStatus, type IntervalBackfill, isSeriesCount } from '../../core/notices';
import { broadcastBus } from '../../platform/notice-bus';

/** What the status bar and the backfill card show; null when no backfill runs (or none is reported). */
export interface BackfillDetail {
  intervals: IntervalBackfill[];
  completeAt: number | null;
}

/** The per-interval detail of a status, or null when it has none (or a malformed one, from another version). */
export function backfillDetail(status: FetchStatus): BackfillDetail | null {
  const raw: unknown = status.intervals;
  if (status.backfill === null || !Array.isArray(raw) || raw.length === 0) return null;
  const intervals: IntervalBackfill[] = [];
  for (const x of raw as unknown[]) {
    const iv = x as Partial<IntervalBackfill> | null;
    const known =
      typeof iv?.interval === 'string' && (BASE_INTERVALS as readonly string[]).includes(iv.interval);
    if (!iv || !known || !isSeriesCount(iv)) return null;
    intervals.push(iv as IntervalBackfill);
  }
  const at = status.completeAt;
  return { intervals, completeAt: typeof at === 'number' && Number.isFinite(at) ? at : null };
}

/** The latest backfill detail from status notices. */
export function useBackfillDetail(): BackfillDetail | null {
  const [detail, setDetail] = useState<BackfillDetail | null>(null);
  useEffect(
    () =>
      broadcastBus().subscribe((n) => {
        if (n.type === 'status') setDetail(backfillDetail(n.status));
      }),
    [],
  );
  return detail;
}

/** "14:32 UTC (in about 4 min)" for a completion time, relative to `nowSec`. */
export function completionText(completeAt: number, nowSec: number): string {
  const hhmm = new Date(completeAt * 1000).toISOString().slice(11, 16);
  const minutes = Math.max(0, Math.round((completeAt - nowSec) / 60));
  return `${hhmm} UTC (${minutes < 1 ? 'in under a minute' : `in about ${minutes} min`})`;
}
