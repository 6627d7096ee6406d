/** One streaming import: feeds text chunks through the parser into the reader of the file's format. */
import { ARCHIVE_HEADER, ArchiveReader } from './archive';
import { BARS_HEADER, BarsReader } from './bars';
import { ImportBatch } from './batch';
import { GenericReader } from './generic';
import type { GenericMapping } from './mapping';
import { CsvParser, CsvSyntaxError } from './parser';
import type { CsvRow } from './row';

/** Which reader a file goes through. */
export type ImportSpec =
  | { format: 'archive' }
  | { format: 'bars' }
  | { format: 'generic'; mapping: GenericMapping };

/** Parses a file chunk by chunk into an ImportBatch. */
export class ImportSession {
  /** What the file would import. */
  readonly batch = new ImportBatch();
  private readonly parser: CsvParser;
  private header = true;

  /** A session for `spec`. */
  constructor(readonly spec: ImportSpec) {
    const b = this.batch;
    let onRow: (r: CsvRow) => void;
    if (spec.format === 'generic') {
      const reader = new GenericReader(b, spec.mapping);
      onRow = (r) => reader.row(r);
    } else {
      const expected = spec.format === 'archive' ? ARCHIVE_HEADER : BARS_HEADER;
      const reader = spec.format === 'archive' ? new ArchiveReader(b) : new BarsReader(b);
      onRow = (r) => {
        if (this.header) {
          this.header = false;
          if (r.toArray().join(',') !== expected)
            b.fatal = `line ${r.line}: header is not the ${spec.format} header`;
          return;
        }
        if (b.fatal === null) reader.row(r);
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
    if (b.fatal === null && b.rows === 0) b.fatal = 'the file holds no data rows';
    if (b.fatal === null && this.spec.format === 'archive' && b.rejectedCount > 0) {
      const first = b.rejected[0];
      b.fatal = `${b.rejectedCount} invalid line(s), first at line ${first?.line}: ${first?.reason}. An archive is imported whole or not at all.`;
    }
    b.finish();
    for (const s of b.series.values()) {
      if (this.spec.format === 'generic' && s.kind === 'liq') s.coverSpan();
      else s.coverPoints();
    }
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
export function importText(text: string, spec: ImportSpec): ImportBatch {
  const s = new ImportSession(spec);
  s.push(text);
  return s.end();
}
