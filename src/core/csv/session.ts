/** One streaming import: feeds text chunks through the parser into the reader of the file's format. */
import { ARCHIVE_HEADER, ArchiveReader } from './archive';
import { BarsReader, barsLayout } from './bars';
import { ImportBatch } from './batch';
import { GenericReader } from './generic';
import { BTC_TARGET, type ImportTarget, targetProblem } from './import-target';
import type { GenericMapping } from './mapping';
import { CsvParser, CsvSyntaxError } from './parser';
import type { CsvRow } from './row';

/**
 * Which reader a file goes through, and (bars, generic) the asset it is filed under: BTC's when not given. An
 * archive keeps each contract's asset.
 */
export type ImportSpec =
  | { format: 'archive' }
  | { format: 'bars'; target?: ImportTarget }
  | { format: 'generic'; mapping: GenericMapping; target?: ImportTarget };

/** The target of a spec (BTC's for an archive, whose rows name their contracts). */
export function targetOf(spec: ImportSpec): ImportTarget {
  return (spec.format === 'archive' ? undefined : spec.target) ?? BTC_TARGET;
}

/** Parses a file chunk by chunk into an ImportBatch. */
export class ImportSession {
  /** What the file would import. */
  readonly batch = new ImportBatch();
  private readonly parser: CsvParser;
  private header = true;
  /** Rows of any kind seen (the header included), to tell an empty file from a header-only one. */
  private seen = 0;

  /** A session for `spec`; `nowSec` is "now" for the rule that no time lies more than a day ahead. */
  constructor(
    readonly spec: ImportSpec,
    nowSec: number = Date.now() / 1000,
  ) {
    const b = this.batch;
    // Refused before any row is read: the asset and reference market name what the file is stored under.
    if (spec.format !== 'archive') b.fatal = targetProblem(targetOf(spec));
    let onRow: (r: CsvRow) => void;
    if (spec.format === 'generic') {
      const reader = new GenericReader(b, spec.mapping, nowSec, targetOf(spec));
      onRow = (r) => {
        this.seen++;
        if (b.fatal === null) reader.row(r);
      };
    } else {
      const archive = spec.format === 'archive';
      let reader: { row: (r: CsvRow) => undefined } | null = null;
      onRow = (r) => {
        this.seen++;
        if (this.header) {
          this.header = false;
          const line = r.toArray().join(',');
          const layout = archive ? null : barsLayout(line);
          if (archive ? line !== ARCHIVE_HEADER : layout === null)
            b.fatal = `line ${r.line}: header is not the ${spec.format} header`;
          // A bars file's context columns and per-exchange column pairs set how many fields each row has.
          reader = archive
            ? new ArchiveReader(b, nowSec)
            : new BarsReader(
                b,
                nowSec,
                layout?.exchanges.length ?? 0,
                layout?.contextFields ?? 0,
                targetOf(spec),
              );
          return;
        }
        if (b.fatal === null && reader) reader.row(r);
      };
    }
    this.parser = new CsvParser(onRow, spec.format === 'generic' ? spec.mapping.delimiter : ',');
  }

  /** Parses one chunk of text. */
  push(text: string): void {
    if (this.batch.fatal !== null) return;
    this.guard(() => this.parser.push(text));
  }

  /** Finishes parsing, sorts and de-duplicates; sets `fatal` for an archive with any bad line. */
  end(): ImportBatch {
    const b = this.batch;
    if (b.fatal === null) this.guard(() => this.parser.end());
    if (b.fatal === null && this.seen === 0) b.fatal = 'the file is empty: no header and no rows';
    const headed = this.spec.format !== 'generic' || this.spec.mapping.hasHeader;
    if (b.fatal === null && b.rows === 0)
      b.fatal = headed
        ? 'the file has a header row but no data rows (nothing to import)'
        : 'the file holds no data rows';
    if (b.fatal === null && this.spec.format === 'archive' && b.rejectedCount > 0) {
      const first = b.rejected[0];
      b.fatal = `${b.rejectedCount} invalid line(s), first at line ${first?.line}: ${first?.reason}. An archive is imported whole or not at all.`;
    }
    b.finish();
    for (const s of b.series.values()) s.cover();
    return b;
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      this.batch.fatal = e.message;
    }
  }
}

/** Parses a whole text (tests, small files). */
export function importText(text: string, spec: ImportSpec, nowSec?: number): ImportBatch {
  const s = new ImportSession(spec, nowSec);
  s.push(text);
  return s.end();
}
