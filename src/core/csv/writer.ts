/**
 * Fast CSV output: cells are written as UTF-8 straight into a byte buffer (no per-row strings), and the buffer is
 * handed out in pieces of about `CHUNK_BYTES`. The text is byte-identical to the plain formatters in
 * format.ts (`formatNumber`, `isoSeconds`, `utcLabel`); numbers take an exact fast path when they are integers or
 * short decimals, and `String(x)` otherwise.
 */

/**
 * Receives UTF-8 pieces it may keep or transfer (each is a view on its own buffer); awaiting it gives back-pressure.
 * A sink that is done with a piece (written it to a file) may resolve with it, and the writer fills it again: fresh
 * memory is the dearest part of an export (first-touch page faults cost twice the formatting on the bench VM).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: sinks that keep every piece are plain `async (b) => { … }`.
export type ByteSink = (bytes: Uint8Array) => Promise<Uint8Array | undefined | void>;

/** Pieces handed to the sink are about this long. */
export const CHUNK_BYTES = 1 << 20;

/** Room past CHUNK_BYTES for the row that crosses it (callers flush when `full`, so the buffer rarely grows). */
const SLACK = 1 << 16;
const COMMA = 44;
const NEWLINE = 10;
/** 10^k for the decimal fast path (k ≤ 6, all exact doubles). */
const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
/** Below this, `n / 10^k` has an ulp under 10^-k, so the k-decimal text is the unique shortest round-trip. */
const EXACT_LIMIT = 2 ** 51;
const NOTHING = new Uint8Array(0);
/** Below this, a × 10^6 < EXACT_LIMIT: every text with at most 6 decimals that reads back to a is the shortest. */
const MICRO_LIMIT = EXACT_LIMIT / 1e6;
/** 10^i for counting the digits of a safe integer. */
const DECIMAL = Array.from({ length: 17 }, (_, i) => 10 ** i);

/** Appends CSV text to a byte buffer and flushes it to a sink in large pieces. */
export class CsvWriter {
  private buf: Uint8Array;
  private pos = 0;
  private hour = Number.NaN;
  private lead: Uint8Array = NOTHING;
  private sep = 0;
  private head: Uint8Array = NOTHING;
  /** Bytes handed to the sink so far. */
  bytes = 0;

  /** Writer emitting to `sink`; the buffer starts at `size` bytes and grows when a piece overshoots it. */
  constructor(
    private readonly sink: ByteSink,
    size = CHUNK_BYTES + SLACK,
  ) {
    this.buf = new Uint8Array(size);
  }

  /** UTF-8 bytes of `s`, e.g. a row prefix to `raw`-write many times. */
  static encode(s: string): Uint8Array {
    const w = new CsvWriter(async () => {}, s.length * 3);
    w.text(s);
    return w.buf.slice(0, w.pos);
  }

  /** True once a piece is ready for `flush`. */
  get full(): boolean {
    return this.pos >= CHUNK_BYTES;
  }

  /**
   * Hands the buffered bytes to the sink, which owns them (no copy); the writer goes on in the buffer the sink gives
   * back, if any, else in a fresh one.
   */
  async flush(): Promise<void> {
    if (this.pos === 0) return;
    const out = this.buf.subarray(0, this.pos);
    this.bytes += out.byteLength;
    this.pos = 0;
    const back = await this.sink(out);
    const reusable = back instanceof Uint8Array && back.buffer.byteLength >= CHUNK_BYTES + SLACK;
    this.buf = reusable ? new Uint8Array(back.buffer) : new Uint8Array(CHUNK_BYTES + SLACK);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Writes a string as UTF-8 (ASCII byte by byte; other characters encoded by code point). */
  text(s: string): void {
    this.room(s.length * 3);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) b[p++] = c;
      else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 63);
      } else {
        const next = s.charCodeAt(i + 1);
        if (c >= 0xd800 && c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          b[p++] = 0xf0 | (c >> 18);
          b[p++] = 0x80 | ((c >> 12) & 63);
        } else {
          if (c >= 0xd800 && c < 0xe000) c = 0xfffd; // lone surrogate, as TextEncoder writes it
          b[p++] = 0xe0 | (c >> 12);
        }
        b[p++] = 0x80 | ((c >> 6) & 63);
        b[p++] = 0x80 | (c & 63);
      }
    }
    this.pos = p;
  }

  /** Writes pre-encoded bytes (e.g. a row prefix encoded once per series). */
  raw(bytes: Uint8Array): void {
    const n = bytes.length;
    this.room(n);
    const b = this.buf;
    const p = this.pos;
    // A byte loop: TypedArray#set costs a builtin call that dominates copies this short.
    for (let i = 0; i < n; i++) b[p + i] = bytes[i] ?? 0;
    this.pos = p + n;
  }

  /** Writes a comma. */
  comma(): void {
    this.room(1);
    this.buf[this.pos++] = COMMA;
  }

  /** Ends a line (LF). */
  newline(): void {
    this.room(1);
    this.buf[this.pos++] = NEWLINE;
  }

  /** Writes `n` commas (empty cells). */
  commas(n: number): void {
    this.room(n);
    const b = this.buf;
    const p = this.pos;
    for (let i = 0; i < n; i++) b[p + i] = COMMA;
    this.pos = p + n;
  }

  /** Writes a non-negative safe integer's digits, zero-padded to `minDigits`. */
  private uint(n: number, minDigits = 1): void {
    let len = minDigits;
    while (len < DECIMAL.length && n >= (DECIMAL[len] ?? Number.POSITIVE_INFINITY)) len++;
    this.room(len);
    const b = this.buf;
    let p = this.pos + len;
    this.pos = p;
    let v = n;
    while (v >= 2 ** 31) {
      const q = Math.floor(v / 10);
      b[--p] = 48 + (v - q * 10);
      v = q;
    }
    // int32 arithmetic from here on: much cheaper than float division.
    let i = v | 0;
    while (p > this.pos - len) {
      const q = (i / 10) | 0;
      b[--p] = 48 + i - q * 10;
      i = q;
    }
  }

  /** Writes `x` exactly as `formatNumber(x)` does: shortest round-trip text, '' for NaN, '-0' for -0. */
  number(x: number): void {
    if (Number.isNaN(x)) return; // empty cell
    if (x === 0) {
      if (Object.is(x, -0)) this.text('-0');
      else this.uint(0);
      return;
    }
    const a = x < 0 ? -x : x;
    if (a < MICRO_LIMIT) {
      // One test covers integers and up to 6 decimals: the text is n6 / 10^6 with trailing zeros dropped.
      const n6 = Math.round(a * 1e6);
      if (n6 / 1e6 === a) {
        if (x < 0) this.text('-');
        const whole = Math.floor(a);
        this.uint(whole);
        let frac = (n6 - whole * 1e6) | 0; // int32: % and / below stay integer operations
        if (frac === 0) return;
        let k = 6;
        while (frac % 10 === 0) {
          frac = (frac / 10) | 0;
          k--;
        }
        this.room(1);
        this.buf[this.pos++] = 46; // '.'
        this.uint(frac, k);
        return;
      }
    } else if (a < EXACT_LIMIT) {
      for (let k = 0; k < POW10.length; k++) {
        const p = POW10[k] ?? 1;
        const n = Math.round(a * p);
        if (n / p !== a || n >= EXACT_LIMIT || (k > 0 && n % 10 === 0)) continue;
        if (x < 0) this.text('-');
        if (k === 0) {
          this.uint(n);
          return;
        }
        const whole = Math.floor(n / p);
        this.uint(whole);
        this.room(1);
        this.buf[this.pos++] = 46; // '.'
        this.uint(n - whole * p, k);
        return;
      }
    }
    this.text(String(x));
  }

  /**
   * `lead` bytes, then date, `sep` and hour of `t` (`…2024-08-05T01:`), copied as one piece: it is rebuilt once
   * per hour, as rows walk time in order. Returns the seconds into the hour.
   */
  private hourPart(lead: Uint8Array, t: number, sep: number): number {
    const hour = Math.floor(t / 3600);
    if (hour !== this.hour || lead !== this.lead || sep !== this.sep) {
      const iso = new Date(hour * 3_600_000).toISOString();
      const head = new Uint8Array(lead.length + 14);
      head.set(lead);
      for (let i = 0; i < 13; i++) head[lead.length + i] = iso.charCodeAt(i);
      head[lead.length + 10] = sep;
      head[lead.length + 13] = 58; // ':'
      this.hour = hour;
      this.lead = lead;
      this.sep = sep;
      this.head = head;
    }
    this.raw(this.head);
    return (t - hour * 3600) | 0;
  }

  private clock(lead: Uint8Array, t: number, sep: number, zulu: boolean): void {
    const s = this.hourPart(lead, t, sep);
    this.room(6);
    const b = this.buf;
    let p = this.pos;
    const m = (s / 60) | 0;
    const sec = s - m * 60;
    b[p++] = 48 + ((m / 10) | 0);
    b[p++] = 48 + (m % 10);
    b[p++] = 58; // ':'
    b[p++] = 48 + ((sec / 10) | 0);
    b[p++] = 48 + (sec % 10);
    if (zulu) b[p++] = 90; // 'Z'
    this.pos = p;
  }

  /** `2024-08-05T01:00:00Z` for whole unix seconds, as `isoSeconds`; after `lead` bytes (a row prefix) if given. */
  iso(t: number, lead: Uint8Array = NOTHING): void {
    this.clock(lead, t, 84, true);
  }

  /** `2024-08-05 01:00:00` (UTC) for whole unix seconds, as `utcLabel`. */
  label(t: number): void {
    this.clock(NOTHING, t, 32, false);
  }
}
