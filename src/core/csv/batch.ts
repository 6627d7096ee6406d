/**
 * What an import will write, gathered while streaming: per series a growable columnar buffer of points,
 * explicit coverage ranges, markets, and every rejected line with its reason. Nothing touches storage here.
 */
import type { ContextKind } from '../context/series';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../intervals';
import type { Market } from '../market';
import { addRange } from '../ranges';

/** A line that was not imported, and why. */
export interface RejectedLine {
  line: number;
  reason: string;
}

/** Two rows of the file that give different values for the same point; the first one is kept. */
export interface Conflict {
  line: number;
  firstLine: number;
  key: string;
}

/**
 * Liquidation (long, short), candle (open, high, low, close, volume) or context points: open interest or funding
 * (open, high, low, close).
 */
export type PointKind = 'liq' | 'candle' | ContextKind;

/** Value columns of each point kind. */
function columnCount(kind: PointKind): number {
  return kind === 'liq' ? 2 : kind === 'candle' ? 5 : 4;
}

/** Lists are capped so a file full of errors cannot exhaust memory; counts stay exact. */
export const MAX_LISTED = 1000;

/** Points of one series, in file order until `finish` sorts and de-duplicates them. */
export class SeriesBatch {
  /** Bucket length in seconds. */
  readonly step: number;
  /** Number of points. */
  n = 0;
  /** Bucket start times. */
  t = new Float64Array(256);
  /** Value columns: [long, short], [open, high, low, close, volume] or (context) [open, high, low, close]. */
  cols: Float64Array[];
  /** Source line of each point. */
  lines = new Int32Array(256);
  /** Coverage given explicitly by the file (archive) or implied by the points (other formats). */
  ranges: Array<[number, number]> = [];
  /** Amount unit of liq and OI values until converted: 'coin' values need a price before they are USD. */
  unit: 'usd' | 'coin' = 'usd';
  /** True when times the file omits inside the series' span are zeros (liquidations, as the API omits them). */
  fillOmitted = false;
  private ordered = true;

  /** A buffer for `kind` points of `symbol` at `interval`. */
  constructor(
    readonly kind: PointKind,
    readonly symbol: string,
    readonly interval: BaseInterval,
  ) {
    this.step = BASE_INTERVAL_SECONDS[interval];
    this.cols = Array.from({ length: columnCount(kind) }, () => new Float64Array(256));
  }

  /** Appends one point. */
  add(t: number, values: ArrayLike<number>, line: number): void {
    if (this.n === this.t.length) this.grow();
    const i = this.n++;
    if (i > 0 && t <= (this.t[i - 1] ?? 0)) this.ordered = false;
    this.t[i] = t;
    this.lines[i] = line;
    for (let c = 0; c < this.cols.length; c++) (this.cols[c] as Float64Array)[i] = values[c] ?? Number.NaN;
  }

  private grow(): void {
    const more = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.t = more(this.t);
    this.lines = more(this.lines);
    this.cols = this.cols.map(more);
  }

  /**
   * Sorts by time (out-of-order rows are fine), drops exact duplicates and reports conflicting duplicates
   * (the first row wins). Returns how many duplicates were dropped.
   */
  finish(conflicts: Conflict[], onConflict: () => void): number {
    const n = this.n;
    let order: Uint32Array | null = null;
    if (!this.ordered) {
      const t = this.t;
      const lines = this.lines;
      order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => (t[a] ?? 0) - (t[b] ?? 0) || (lines[a] ?? 0) - (lines[b] ?? 0));
    }
    const at = (k: number) => (order ? (order[k] ?? 0) : k);
    const t2 = new Float64Array(n);
    const l2 = new Int32Array(n);
    const c2 = this.cols.map(() => new Float64Array(n));
    let m = 0;
    let dropped = 0;
    for (let k = 0; k < n; k++) {
      const i = at(k);
      const t = this.t[i] ?? 0;
      if (m > 0 && t2[m - 1] === t) {
        dropped++;
        if (this.cols.some((col, c) => !Object.is(col[i], (c2[c] as Float64Array)[m - 1]))) {
          onConflict();
          if (conflicts.length < MAX_LISTED)
            conflicts.push({ line: this.lines[i] ?? 0, firstLine: l2[m - 1] ?? 0, key: this.describe(t) });
        }
        continue;
      }
      t2[m] = t;
      l2[m] = this.lines[i] ?? 0;
      for (let c = 0; c < c2.length; c++) (c2[c] as Float64Array)[m] = (this.cols[c] as Float64Array)[i] ?? 0;
      m++;
    }
    this.t = t2;
    this.lines = l2;
    this.cols = c2;
    this.n = m;
    this.ordered = true;
    return dropped;
  }

  /** Adds coverage for every point's bucket (for formats without explicit coverage records). */
  coverPoints(): void {
    let from = Number.NaN;
    let to = Number.NaN;
    for (let i = 0; i < this.n; i++) {
      const t = this.t[i] ?? 0;
      if (t === to) to += this.step;
      else {
        if (!Number.isNaN(from)) this.ranges = addRange(this.ranges, [from, to]);
        from = t;
        to = t + this.step;
      }
    }
    if (!Number.isNaN(from)) this.ranges = addRange(this.ranges, [from, to]);
  }

  /** Covers [first point, last point + step): rows a tool omitted inside the span are 0, as in the API. */
  coverSpan(): void {
    if (this.n > 0)
      this.ranges = addRange(this.ranges, [this.t[0] ?? 0, (this.t[this.n - 1] ?? 0) + this.step]);
  }

  /** Coverage implied by the points: the whole span when omitted times are zeros, else only the points' buckets. */
  cover(): void {
    if (this.fillOmitted) this.coverSpan();
    else this.coverPoints();
  }

  /** Keeps only the points for which `keep(i)` is true. */
  filter(keep: (i: number) => boolean): void {
    let m = 0;
    for (let i = 0; i < this.n; i++) {
      if (!keep(i)) continue;
      this.t[m] = this.t[i] ?? 0;
      this.lines[m] = this.lines[i] ?? 0;
      for (const col of this.cols) col[m] = col[i] ?? 0;
      m++;
    }
    this.n = m;
  }

  /** Human key of a point, for messages. */
  describe(t: number): string {
    return `${this.kind} ${this.symbol} ${this.interval} ${new Date(t * 1000).toISOString()}`;
  }
}

/** Everything one file would import. */
export class ImportBatch {
  /** Series by `${kind}|${symbol}|${interval}`. */
  readonly series = new Map<string, SeriesBatch>();
  /** Markets to store (from the archive, or derived from symbols). */
  readonly markets = new Map<string, Market>();
  /**
   * Symbols whose market was derived from the symbol alone (another tool's file): stored only where the archive
   * has no record yet, never over one fetched from Coinalyze or imported from an archive.
   */
  readonly guessedMarkets = new Set<string>();
  /** Rejected lines (first MAX_LISTED). */
  readonly rejected: RejectedLine[] = [];
  /** Conflicting duplicates (first MAX_LISTED). */
  readonly conflicts: Conflict[] = [];
  rejectedCount = 0;
  conflictCount = 0;
  duplicates = 0;
  /** Data rows read (excluding header and blank lines). */
  rows = 0;
  /** Set when the whole file must be refused (the archive is all-or-nothing; see README.md, CSV). */
  fatal: string | null = null;

  /** The series buffer for a key, created on first use. */
  seriesFor(kind: PointKind, symbol: string, interval: BaseInterval): SeriesBatch {
    const key = `${kind}|${symbol}|${interval}`;
    let s = this.series.get(key);
    if (!s) {
      s = new SeriesBatch(kind, symbol, interval);
      this.series.set(key, s);
    }
    return s;
  }

  /** Records a rejected line (returns undefined so readers can `return b.reject(...)`). */
  reject(line: number, reason: string): undefined {
    this.rejectedCount++;
    if (this.rejected.length < MAX_LISTED) this.rejected.push({ line, reason });
    return undefined;
  }

  /** Sorts and de-duplicates every series. */
  finish(): void {
    for (const s of this.series.values())
      this.duplicates += s.finish(this.conflicts, () => this.conflictCount++);
  }
}
