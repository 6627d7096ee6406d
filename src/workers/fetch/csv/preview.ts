/** Small summaries of a batch for the dry-run dialog. */
import type { Conflict, ImportBatch, PointKind } from '../../../core/csv/batch';

/** One series a file would write. */
export interface PreviewSeries {
  kind: PointKind;
  symbol: string;
  interval: string;
  points: number;
  from: number;
  to: number;
  /** Sum of long and short USD (liq only), for a quick plausibility check. */
  longUsd: number;
  shortUsd: number;
}

/** Conflicting duplicates (first rows kept). */
export type ConflictList = Conflict[];

/** Per-series summary of a batch. */
export function previewSeries(batch: ImportBatch): PreviewSeries[] {
  return [...batch.series.values()].map((s) => {
    let l = 0;
    let sh = 0;
    if (s.kind === 'liq')
      for (let i = 0; i < s.n; i++) {
        l += s.cols[0]?.[i] ?? 0;
        sh += s.cols[1]?.[i] ?? 0;
      }
    return {
      kind: s.kind,
      symbol: s.symbol,
      interval: s.interval,
      points: s.n,
      from: s.t[0] ?? 0,
      to: s.n > 0 ? (s.t[s.n - 1] ?? 0) + s.step : 0,
      longUsd: l,
      shortUsd: sh,
    };
  });
}
