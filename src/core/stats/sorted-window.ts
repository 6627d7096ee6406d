/**
 * A multiset of numbers kept sorted in a Float64Array. Insert and delete are a binary search plus a memmove,
 * O(w) but with a tiny constant, which beats a skiplist for the window sizes we use (w ≤ 10⁴).
 */
export class SortedWindow {
  private data: Float64Array;
  private n = 0;
  /** Set by kthDistance: the (k+1)-th smallest distance. */
  private nextDistance = Number.NaN;
  /** Bumped by every change: the cached search below is valid only for the contents it ran on. */
  private version = 0;
  /**
   * The last `countAtLeast` search (value, its lower bound, version): a trailing window scores a value and then
   * admits the same value, so `replace` can reuse the position instead of searching again.
   */
  private searchedX = Number.NaN;
  private searchedAt = 0;
  private searchedVersion = -1;

  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(1, capacity));
  }

  /** Number of values held. */
  get size(): number {
    return this.n;
  }

  /** The i-th smallest value (0-based); no bounds check beyond returning NaN. */
  at(i: number): number {
    return i >= 0 && i < this.n ? (this.data[i] ?? Number.NaN) : Number.NaN;
  }

  /** First index whose value is ≥ x. */
  lowerBound(x: number): number {
    let lo = 0;
    let hi = this.n;
    const d = this.data;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((d[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Empties the window (keeps its buffer). */
  clear(): void {
    this.n = 0;
    this.version++;
  }

  /** Adds a value (NaN is ignored, as pandas skips NaN inside a window). */
  insert(x: number): void {
    if (Number.isNaN(x)) return;
    if (this.n === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const i = this.lowerBound(x);
    this.data.copyWithin(i + 1, i, this.n);
    this.data[i] = x;
    this.n++;
    this.version++;
  }

  /** Removes one copy of a value; returns false when it is not present (or NaN). */
  remove(x: number): boolean {
    if (Number.isNaN(x)) return false;
    const i = this.lowerBound(x);
    if (i >= this.n || this.data[i] !== x) return false;
    this.data.copyWithin(i, i + 1, this.n);
    this.n--;
    this.version++;
    return true;
  }

  /**
   * Removes one copy of `out` and inserts `x` with a single memmove over the values between them (the sliding
   * window's step): about half the copying of remove + insert. Falls back to those when either is NaN or absent.
   */
  replace(out: number, x: number): void {
    const i = Number.isNaN(out) ? -1 : this.lowerBound(out);
    if (i < 0 || i >= this.n || this.data[i] !== out || Number.isNaN(x)) {
      this.remove(out);
      this.insert(x);
      return;
    }
    const j =
      x === this.searchedX && this.version === this.searchedVersion ? this.searchedAt : this.lowerBound(x);
    const d = this.data;
    this.version++;
    if (j > i) {
      d.copyWithin(i, i + 1, j);
      d[j - 1] = x;
    } else {
      d.copyWithin(j + 1, j, i);
      d[j] = x;
    }
  }

  /** Count of values ≥ x: the numerator of the empirical p. */
  countAtLeast(x: number): number {
    const at = this.lowerBound(x);
    this.searchedX = x;
    this.searchedAt = at;
    this.searchedVersion = this.version;
    return this.n - at;
  }

  /** Median (mean of the two middle values for even n), NaN when empty. */
  median(): number {
    const n = this.n;
    if (n === 0) return Number.NaN;
    const h = n >>> 1;
    return n % 2 === 1 ? this.at(h) : (this.at(h - 1) + this.at(h)) / 2;
  }

  /** Hyndman–Fan type 7 quantile (numpy/pandas 'linear'). */
  quantile(q: number): number {
    const n = this.n;
    if (n === 0) return Number.NaN;
    const pos = (n - 1) * q;
    const lo = Math.floor(pos);
    const frac = pos - lo;
    const a = this.at(lo);
    return frac === 0 ? a : a + (this.at(Math.min(n - 1, lo + 1)) - a) * frac;
  }

  /**
   * Raw median absolute deviation about `m` in O(log² w): the distances left and right of `m` form two sorted
   * sequences, so the k-th smallest distance is a k-th-of-two-sorted-arrays search.
   */
  mad(m: number): number {
    const n = this.n;
    if (n === 0) return Number.NaN;
    const h = n >>> 1;
    const d = this.data;
    // m is the median, so its lower bound is h unless values tie across the middle: skip the search then.
    const p = (h === 0 || (d[h - 1] ?? 0) < m) && (d[h] ?? 0) >= m ? h : this.lowerBound(m);
    if (n % 2 === 1) return this.kthDistance(m, p, h);
    const lower = this.kthDistance(m, p, h - 1);
    return (lower + this.nextDistance) / 2;
  }

  /** Mean |x − m|: the MAD = 0 fallback scale. O(w), used only when the MAD is zero. */
  meanAbsDev(m: number): number {
    if (this.n === 0) return Number.NaN;
    let s = 0;
    for (let i = 0; i < this.n; i++) s += Math.abs((this.data[i] ?? 0) - m);
    return s / this.n;
  }

  private kthDistance(m: number, p: number, k: number): number {
    const d = this.data;
    const na = p;
    const nb = this.n - p;
    // A(i) = m − d[p−1−i] (left side, increasing), B(j) = d[p+j] − m (right side, increasing); the answer splits
    // k + 1 distances into i from A and k + 1 − i from B. Inside [lo, hi) both A(i) and B(k − i) exist, so the
    // search needs no ±Infinity sentinels: V8 boxes a float that meets an Infinity constant in a branch, and the
    // sentinels made this (run twice per scored bar per series) allocate ~400 bytes per call.
    let lo = Math.max(0, k + 1 - nb);
    let hi = Math.min(k + 1, na);
    while (lo < hi) {
      const i = (lo + hi) >>> 1;
      if (m - (d[p - 1 - i] ?? 0) >= (d[p + k - i] ?? 0) - m) hi = i;
      else lo = i + 1;
    }
    // lo distances come from A and k + 1 − lo from B; the k-th is the larger of the last taken on each side
    // (distances are ≥ 0, so −1 stands for "none taken").
    const a = lo > 0 ? m - (d[p - lo] ?? 0) : -1;
    const b = k - lo >= 0 ? (d[p + k - lo] ?? 0) - m : -1;
    // The (k+1)-th distance is the smaller of the next candidates on either side: saves a second search for
    // even windows, whose MAD averages the k-th and (k+1)-th.
    const hasA = lo < na;
    const hasB = k + 1 - lo < nb;
    const a1 = hasA ? m - (d[p - 1 - lo] ?? 0) : 0;
    const b1 = hasB ? (d[p + k + 1 - lo] ?? 0) - m : 0;
    this.nextDistance = hasA && hasB ? Math.min(a1, b1) : hasA ? a1 : hasB ? b1 : Number.NaN;
    return a > b ? a : b;
  }
}
