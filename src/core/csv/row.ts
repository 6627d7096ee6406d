/**
 * One parsed CSV row as offsets into the parser's current text, so hot loops read numbers straight from the
 * characters without allocating a string per field (that allocation is most of what other parsers spend).
 */

const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Strict decimal → number: NaN for empty, hex, words or anything `Number` would quietly accept. */
export function parseDecimal(s: string): number {
  return DECIMAL.test(s) ? Number(s) : Number.NaN;
}

/** A reusable view on the current row; valid only during the row callback. */
export class CsvRow {
  /** Text the offsets point into. */
  text = '';
  /** Number of fields in the row. */
  count = 0;
  /** 1-based line number where the row starts. */
  line = 0;
  /** Field start offsets. */
  starts = new Int32Array(32);
  /** Field end offsets (exclusive). */
  ends = new Int32Array(32);
  /** Unescaped value of each quoted field; undefined for plain fields. */
  quoted: Array<string | undefined> = [];
  /** True when some field of this row was quoted (so `quoted` must be consulted and cleared). */
  hasQuoted = false;

  /** Field `i` as a string ('' past the end). */
  field(i: number): string {
    if (i >= this.count) return '';
    if (this.hasQuoted) {
      const q = this.quoted[i];
      if (q !== undefined) return q;
    }
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  /** True when field `i` is empty or missing. */
  isEmpty(i: number): boolean {
    if (i >= this.count) return true;
    if (this.hasQuoted && this.quoted[i] !== undefined) return this.quoted[i] === '';
    return this.starts[i] === this.ends[i];
  }

  /** Field `i` as a number, exact (correctly rounded); NaN when empty or not a decimal number. */
  number(i: number): number {
    if (i >= this.count) return Number.NaN;
    if (this.hasQuoted && this.quoted[i] !== undefined) return parseDecimal(this.quoted[i] ?? '');
    const text = this.text;
    let p = this.starts[i] ?? 0;
    const end = this.ends[i] ?? 0;
    if (p === end) return Number.NaN;
    const neg = text.charCodeAt(p) === 45;
    if (neg) p++;
    let m = 0;
    let digits = 0;
    let fracAt = -1;
    for (; p < end; p++) {
      const c = text.charCodeAt(p);
      if (c >= 48 && c <= 57) {
        m = m * 10 + (c - 48);
        digits++;
      } else if (c === 46 && fracAt < 0) fracAt = p;
      else return parseDecimal(text.slice(this.starts[i], end));
    }
    // Clinger's fast path: an integer below 2^53 divided by an exact power of ten is correctly rounded.
    if (digits === 0 || digits > 15) return parseDecimal(text.slice(this.starts[i], end));
    const k = fracAt < 0 ? 0 : end - fracAt - 1;
    const v = k === 0 ? m : m / (POW10[k] ?? 1);
    return neg ? -v : v;
  }

  /** All fields as strings (for previews and error messages). */
  toArray(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.field(i));
    return out;
  }
}
