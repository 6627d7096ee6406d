/**
 * What this page has heard was stored, per database, and not yet handed to its compute worker. Every analyze
 * call takes the log of its source, so the worker re-reads only from the earliest change (and, told nothing,
 * re-reads everything). Notices are recorded as they arrive, also while the page is hidden and draws nothing.
 */
import type { ContextChanged, DataChanged } from '../../core/notices';
import type { ChangedSpan, DataSource } from '../../workers/compute/api';

/** Past this many spans the log keeps one span from the earliest change to the latest. */
const MAX_SPANS = 256;

/** Pending changes per source; null when unknown (the next call re-reads everything). */
const logs: Record<DataSource, ChangedSpan[] | null> = { archive: [], demo: [] };

/** Records a data-change notice (liquidations and candles, or open interest and funding). */
export function recordChange(n: DataChanged | ContextChanged): void {
  const log = logs[n.db];
  if (log === null) return;
  log.push({
    from: n.from,
    to: n.to,
    kind: n.kind,
    interval: n.interval,
    symbols: n.symbols,
    ...(n.type === 'data-changed' ? { exact: n.exact } : {}),
  });
  if (log.length > MAX_SPANS)
    logs[n.db] = [{ from: Math.min(...log.map((c) => c.from)), to: Math.max(...log.map((c) => c.to)) }];
}

/** Marks a source's changes as unknown: its next analysis re-reads everything. */
export function forgetChanges(source: DataSource): void {
  logs[source] = null;
}

/** The changes of `source` since the last take (null: unknown), clearing them. */
export function takeChanges(source: DataSource): ChangedSpan[] | null {
  const log = logs[source];
  logs[source] = [];
  return log;
}
