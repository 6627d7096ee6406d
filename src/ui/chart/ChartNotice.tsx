/**
 * The chart's notice. With bars on screen it is a one-line strip above the chart (the chart moves down to make
 * room, so no candle is hidden) that the user can dismiss for the session; with no bars (a timeframe finer than
 * the stored data) it sits in the middle, where there is nothing to hide.
 */
import { useState } from 'preact/hooks';
import './chart-notice.css';

const KEY = 'liqlab.chart.dismissedNotices';

function loadDismissed(): string[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** True when the strip shows: a notice, bars on screen, and not dismissed this session. */
export function useNoticeStrip(notice: string | null, bars: number): { strip: boolean; dismiss: () => void } {
  const [dismissed, setDismissed] = useState(loadDismissed);
  const dismiss = () => {
    if (!notice) return;
    const next = [...dismissed.filter((s) => s !== notice), notice].slice(-20);
    sessionStorage.setItem(KEY, JSON.stringify(next));
    setDismissed(next);
  };
  return { strip: notice !== null && bars > 0 && !dismissed.includes(notice), dismiss };
}

/** Renders the notice as a strip (dismissable) or centred (no bars); nothing when dismissed. */
export function ChartNotice({
  notice,
  bars,
  strip,
  onDismiss,
}: {
  notice: string | null;
  bars: number;
  strip: boolean;
  onDismiss: () => void;
}) {
  if (!notice) return null;
  if (bars === 0) {
    return (
      <div class="chart-notice" role="status">
        {notice}
      </div>
    );
  }
  if (!strip) return null;
  return (
    <div class="chart-notice-strip" role="status" title={notice}>
      <span class="chart-notice-text">{notice}</span>
      <button type="button" class="chart-notice-close" aria-label="Dismiss notice" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
