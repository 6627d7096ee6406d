/**
 * While the first backfill runs: what is arriving, interval by interval, and when the chart will be complete.
 * A card over the chart (the chart fills in as it arrives), rendered from the fetcher's status notices.
 */
import type { IntervalBackfill } from '../../core/notices';
import { type BackfillDetail, completionText } from './use-backfill';

/** "done", or the share done and how many series are paused (set aside; the status bar's message names them). */
function rowText(iv: IntervalBackfill, pct: number): string {
  if (iv.done >= iv.total) return 'done';
  return iv.paused ? `${pct}% · ${iv.paused} paused` : `${pct}%`;
}

/** Props: the detail (nothing is rendered without one) and the clock for "in about N min". */
export interface BackfillCardProps {
  detail: BackfillDetail | null;
  nowSec?: number;
}

/** Renders the card. */
export function BackfillCard({ detail, nowSec = Date.now() / 1000 }: BackfillCardProps) {
  if (!detail) return null;
  return (
    <section class="backfill-card" aria-label="History being fetched">
      <h2 class="backfill-title">Fetching history</h2>
      <ul>
        {detail.intervals.map((iv) => {
          const pct = iv.total > 0 ? Math.round((100 * iv.done) / iv.total) : 100;
          return (
            <li key={iv.interval} data-interval={iv.interval}>
              <span class="backfill-interval">{iv.interval}</span>
              <progress max={100} value={pct} aria-label={`${iv.interval} backfill`} />
              <span>{rowText(iv, pct)}</span>
            </li>
          );
        })}
      </ul>
      <p data-testid="backfill-complete">
        {detail.completeAt === null
          ? 'Completion time not known yet.'
          : `Chart complete at ${completionText(detail.completeAt, nowSec)}.`}
      </p>
    </section>
  );
}
