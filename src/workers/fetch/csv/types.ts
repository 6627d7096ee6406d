/** The CSV part of the fetch worker's API (declared here so api.ts only gains one `extends`). */

import type { RejectedLine } from '../../../core/csv/batch';
import type { SniffResult } from '../../../core/csv/mapping';
import type { ImportSpec } from '../../../core/csv/session';
import type { Timeframe } from '../../../core/intervals';
import type { ContractFilter } from '../../../core/market';
import type { DataSource } from '../../compute/api';
import type { ImportDiff } from './apply';
import type { ConflictList, PreviewSeries } from './preview';

/** What a dry run found; the import is held in the worker under `id` until committed or discarded. */
export interface ImportPreview extends ImportDiff {
  id: number;
  format: ImportSpec['format'];
  rows: number;
  duplicates: number;
  rejected: RejectedLine[];
  rejectedCount: number;
  conflicts: ConflictList;
  conflictCount: number;
  series: PreviewSeries[];
  /** Set when nothing can be imported from this file (the reason names the line). */
  fatal: string | null;
}

/** What to export. */
export interface ExportRequest {
  kind: 'archive' | 'bars';
  source: DataSource;
  /** Base asset whose contracts are exported. */
  asset: string;
  timeframe: Timeframe;
  filter: ContractFilter;
  referenceSymbol: string;
  /** Bars only: add a long/short column pair per exchange (`ex_<code>_long_usd`, `ex_<code>_short_usd`). */
  exchangeColumns?: boolean;
  /** Unix seconds, null for everything. */
  from: number | null;
  to: number | null;
}

/** CSV calls of the fetch worker. */
export interface CsvApi {
  /** Detects the format and proposes a mapping from the file's first 256 KB. */
  csvSniff(file: Blob): Promise<SniffResult>;
  /** Streams the file through the reader and diffs it against the archive; nothing is written. */
  csvDryRun(
    file: Blob,
    spec: ImportSpec,
    onProgress: (fraction: number) => void,
    callId?: number,
  ): Promise<ImportPreview>;
  /** Writes a dry-run import in one transaction (all or nothing). */
  csvCommit(id: number, callId?: number): Promise<ImportDiff>;
  /** Forgets a dry-run import. */
  csvDiscard(id: number): Promise<void>;
  /**
   * Streams an export to `sink` in UTF-8 pieces of about 1 MiB, transferred; a sink done with a piece may transfer
   * it back (resolve with it) for the next one.
   */
  csvExport(
    request: ExportRequest,
    sink: (bytes: Uint8Array) => Promise<Uint8Array | undefined>,
    onProgress: (fraction: number) => void,
    callId?: number,
  ): Promise<{ rows: number; bytes: number }>;
}
