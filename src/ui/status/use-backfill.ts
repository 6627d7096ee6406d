/**
 * The running backfill as the fetching tab reports it (status notices on the `liqlab` channel): per-interval
 * progress and the expected completion time. Read straight from the notices so any tab shows it.
 */
import { useEffect, useState } from 'preact/hooks';
import { type IntervalBackfill, isNotice, NOTICE_CHANNEL } from '../../core/notices';

/** What the status bar and the backfill card show; null when no backfill runs (or none is reported). */
export interface BackfillDetail {
  intervals: IntervalBackfill[];
  completeAt: number | null;
}

/** The latest backfill detail from status notices. */
export function useBackfillDetail(): BackfillDetail | null {
  const [detail, setDetail] = useState<BackfillDetail | null>(null);
  useEffect(() => {
    const channel = new BroadcastChannel(NOTICE_CHANNEL);
    channel.onmessage = (ev: MessageEvent) => {
      const n: unknown = ev.data;
      if (!isNotice(n) || n.type !== 'status') return;
      const intervals = n.status.intervals ?? [];
      const running = n.status.backfill !== null && intervals.length > 0;
      setDetail(running ? { intervals, completeAt: n.status.completeAt ?? null } : null);
    };
    return () => channel.close();
  }, []);
  return detail;
}

/** "14:32 UTC (in about 4 min)" for a completion time, relative to `nowSec`. */
export function completionText(completeAt: number, nowSec: number): string {
  const hhmm = new Date(completeAt * 1000).toISOString().slice(11, 16);
  const minutes = Math.max(0, Math.round((completeAt - nowSec) / 60));
  return `${hhmm} UTC (${minutes < 1 ? 'in under a minute' : `in about ${minutes} min`})`;
}
