/** Half-open time range [from, to) in unix seconds. */
export type Range = readonly [number, number];

/** Union of sorted disjoint ranges with one more range; the result is sorted, disjoint and merged when touching. */
export function addRange(ranges: readonly Range[], add: Range): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let [from, to] = add;
  if (to <= from) return ranges.map(([a, b]) => [a, b]);
  for (const [a, b] of ranges) {
    if (b < from || a > to) out.push([a, b]);
    else {
      from = Math.min(from, a);
      to = Math.max(to, b);
    }
  }
  out.push([from, to]);
  return out.sort((x, y) => x[0] - y[0]);
}

/** The parts of [from, to) that no range covers: the gaps. */
export function uncovered(ranges: readonly Range[], from: number, to: number): Array<[number, number]> {
  const gaps: Array<[number, number]> = [];
  let cursor = from;
  for (const [a, b] of ranges) {
    if (b <= cursor) continue;
    if (a >= to) break;
    if (a > cursor) gaps.push([cursor, Math.min(a, to)]);
    cursor = Math.max(cursor, b);
    if (cursor >= to) break;
  }
  if (cursor < to) gaps.push([cursor, to]);
  return gaps;
}

/** True when [from, to) lies wholly inside the ranges. */
export function covers(ranges: readonly Range[], from: number, to: number): boolean {
  return uncovered(ranges, from, to).length === 0;
}

/** The parts of `ranges` inside [from, to). */
export function intersectRanges(ranges: readonly Range[], from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of ranges) {
    const lo = Math.max(a, from);
    const hi = Math.min(b, to);
    if (lo < hi) out.push([lo, hi]);
  }
  return out;
}

/** `ranges` with [from, to) cut out: what stays known after deleting that span. */
export function subtractRange(ranges: readonly Range[], from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [a, b] of ranges) {
    if (b <= from || a >= to) out.push([a, b]);
    else {
      if (a < from) out.push([a, from]);
      if (b > to) out.push([to, b]);
    }
  }
  return out;
}
