/**
 * Streaming RFC 4180 parser: quotes, doubled quotes, quoted newlines, BOM, LF or CRLF, blank lines skipped.
 * Rows without a quote are split with `indexOf` (memchr speed); only rows that contain a quote take the
 * character-by-character path. Text arrives in chunks; an unfinished row is carried to the next chunk.
 */
import { CsvRow } from './row';

/** A syntax error that stops parsing, with the line where it happened. */
export class CsvSyntaxError extends Error {
  /** Creates the error for 1-based `line`. */
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const CR = 13;

/** Push-style parser; `onRow` receives a reused CsvRow, valid only during the call. */
export class CsvParser {
  private carry = '';
  private carryLine = 1;
  private first = true;
  private readonly row = new CsvRow();
  private readonly delim: number;

  /** `delimiter` is one character (',' ';' '\t' '|'). */
  constructor(
    private readonly onRow: (row: CsvRow) => void,
    delimiter = ',',
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Parses every complete row in `chunk` (plus what was carried over). */
  push(chunk: string): void {
    this.run(chunk, false);
  }

  /** Parses what remains: the last row needs no line break. */
  end(): void {
    this.run('', true);
  }

  private run(chunk: string, final: boolean): void {
    let text = this.carry.length > 0 ? this.carry + chunk : chunk;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const row = this.row;
    row.text = text;
    const n = text.length;
    let line = this.carryLine;
    let pos = 0;
    let nextQuote = text.indexOf('"');
    if (nextQuote < 0) nextQuote = n;
    while (pos < n) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) break;
        nl = n;
      }
      if (nextQuote < pos) {
        nextQuote = text.indexOf('"', pos);
        if (nextQuote < 0) nextQuote = n;
      }
      if (nextQuote >= nl) {
        const end = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        if (end > pos) {
          this.splitPlain(pos, end);
          row.line = line;
          this.onRow(row);
        }
        pos = nl + 1;
        line++;
        continue;
      }
      const next = this.scanQuoted(text, pos, final, line);
      if (next < 0) break;
      row.line = line;
      this.onRow(row);
      // Quoted newlines count as lines, so later line numbers match what an editor shows.
      for (let p = pos; p < next && p < n; p++) if (text.charCodeAt(p) === 10) line++;
      pos = next;
    }
    this.carry = pos < n ? text.slice(pos) : '';
    this.carryLine = line;
  }

  private reserve(k: number): void {
    const row = this.row;
    if (k < row.starts.length) return;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    row.starts = grow(row.starts);
    row.ends = grow(row.ends);
  }

  private splitPlain(pos: number, end: number): void {
    const row = this.row;
    const text = row.text;
    const delim = String.fromCharCode(this.delim);
    if (row.hasQuoted) {
      row.quoted.length = 0;
      row.hasQuoted = false;
    }
    let k = 0;
    let start = pos;
    for (;;) {
      let d = text.indexOf(delim, start);
      if (d < 0 || d > end) d = end;
      this.reserve(k);
      row.starts[k] = start;
      row.ends[k] = d;
      k++;
      if (d === end) break;
      start = d + 1;
    }
    row.count = k;
  }

  /**
   * Character scan of a row that contains a quote. Returns the offset just past the row's line break, or −1 when
   * the row is not complete in this text (more input needed).
   */
  private scanQuoted(text: string, pos: number, final: boolean, line: number): number {
    const row = this.row;
    const n = text.length;
    row.quoted.length = 0;
    row.hasQuoted = true;
    let k = 0;
    let p = pos;
    for (;;) {
      this.reserve(k);
      row.starts[k] = p;
      if (text.charCodeAt(p) === QUOTE) {
        let value = '';
        let q = p + 1;
        for (;;) {
          const close = text.indexOf('"', q);
          if (close < 0) {
            if (!final) return -1;
            throw new CsvSyntaxError(line, 'a quoted field is never closed (missing ")');
          }
          value += text.slice(q, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            q = close + 2;
          } else {
            q = close + 1;
            break;
          }
        }
        // Text between the closing quote and the delimiter is kept literally (lenient, like spreadsheets).
        let e = q;
        while (e < n && text.charCodeAt(e) !== this.delim && text.charCodeAt(e) !== 10) e++;
        if (e >= n && !final) return -1;
        if (e > q) value += text.slice(q, text.charCodeAt(e - 1) === CR && e - 1 >= q ? e - 1 : e);
        row.quoted[k] = value;
        row.ends[k] = e;
        p = e;
      } else {
        let e = p;
        while (e < n && text.charCodeAt(e) !== this.delim && text.charCodeAt(e) !== 10) e++;
        if (e >= n && !final) return -1;
        row.ends[k] =
          e > p && text.charCodeAt(e - 1) === CR && (e >= n || text.charCodeAt(e) === 10) ? e - 1 : e;
        p = e;
      }
      k++;
      if (p >= n) {
        row.count = k;
        return n + 1;
      }
      if (text.charCodeAt(p) === 10) {
        row.count = k;
        return p + 1;
      }
      p++;
    }
  }
}

/** Parses a whole string into arrays of fields (tests and small files). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  const parser = new CsvParser((row) => rows.push(row.toArray()), delimiter);
  parser.push(text);
  parser.end();
  return rows;
}
