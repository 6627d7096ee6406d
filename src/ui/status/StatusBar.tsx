/** Status bar: data source, last update, API budget and backfill progress, as text (tests read it). */
import type { SeriesCount } from '../../core/notices';
import { formatUtc } from '../format/usd';
import { completionText } from './use-backfill';

/** Where the data on screen comes from. */
export type DataSourceLabel = 'Demo' | 'Live' | 'Offline' | 'Stored';

/** How each source reads in the status bar. */
const SOURCE_TEXT: Readonly<Record<DataSourceLabel, string>> = {
  Demo: 'Demo data',
  Live: 'Live',
  Offline: 'Offline',
  Stored: 'Stored data',
};

/** Everything the status bar shows. */
export interface StatusInfo {
  source: DataSourceLabel;
  /** Unix seconds of the newest stored data, or null. */
  lastUpdate: number | null;
  callsUsed: number;
  callsBudget: number;
  /** Backfill progress 0…1, or null when nothing is backfilling. */
  backfill: number | null;
  /** Open interest and funding series backfilled of those planned, or null (or left out) when none remains. */
  contextBackfill?: SeriesCount | null;
  /** Unix seconds when that backfill should be done, or null (or left out) when not known. */
  contextCompleteAt?: number | null;
  message?: string;
  /** True while Coinalyze rejects the saved key (401): nothing is fetched until a new key is saved. */
  keyRejected?: boolean;
}

/** What is being backfilled: the share of liquidations and candles, then the open interest and funding count. */
function backfillText(pct: number | null, context: SeriesCount | null): string {
  if (pct !== null) return `${pct}%`;
  if (!context) return 'idle';
  const paused = context.paused ? ` (${context.paused} paused)` : '';
  return `open interest & funding ${context.done}/${context.total}${paused}`;
}

/**
 * Renders the status bar for the base asset on screen; `completeAt` (unix seconds) is when the running backfill
 * should be done, if known.
 */
export function StatusBar({
  asset,
  info,
  completeAt = null,
}: {
  asset: string;
  info: StatusInfo;
  completeAt?: number | null;
}) {
  const pct = info.backfill === null ? null : Math.round(info.backfill * 100);
  // Open interest and funding fill in after liquidations and candles: shown once those are done, so "idle" is
  // said only when nothing at all is being backfilled.
  const context = pct === null ? (info.contextBackfill ?? null) : null;
  return (
    <footer class="status-bar">
      <span class="status-asset" data-testid="status-asset">
        {asset}
      </span>
      <span class={`source source-${info.source.toLowerCase()}`} data-testid="status-source">
        {SOURCE_TEXT[info.source]}
      </span>
      <span data-testid="status-updated">
        Last update:{' '}
        {info.lastUpdate === null ? (
          '—'
        ) : (
          // The exact second in `datetime` (the text shows minutes).
          <time dateTime={new Date(info.lastUpdate * 1000).toISOString()}>{formatUtc(info.lastUpdate)}</time>
        )}
      </span>
      <span data-testid="status-budget">
        API calls: {info.callsUsed}/{info.callsBudget} per min
      </span>
      <span data-testid="status-backfill" class="backfill">
        Backfill: {backfillText(pct, context)}
        {pct !== null && <progress max={100} value={pct} aria-label="Backfill progress" />}
        {context && (
          <progress
            max={context.total}
            value={context.done}
            aria-label="Open interest and funding backfill progress"
          />
        )}
        {pct !== null &&
          completeAt !== null &&
          ` · complete ${completionText(completeAt, Date.now() / 1000)}`}
        {context &&
          info.contextCompleteAt != null &&
          ` · complete ${completionText(info.contextCompleteAt, Date.now() / 1000)}`}
      </span>
      {info.message && <span class="status-message">{info.message}</span>}
      <span class="attribution">
        Data:{' '}
        <a href="https://coinalyze.net" target="_blank" rel="noreferrer">
          Coinalyze
        </a>
      </span>
    </footer>
  );
}
