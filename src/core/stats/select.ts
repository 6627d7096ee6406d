/** In-place selection (Hoare's quickselect with a median-of-three pivot): the k-th smallest of a[0, n). */
export function selectKth(a: Float64Array, n: number, k: number): number {
  if (k < 0 || k >= n) throw new Error(`selectKth: rank ${k} outside 0…${n - 1}`);
  let lo = 0;
  let hi = n - 1;
  const at = (i: number): number => a[i] ?? Number.NaN;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // order a[lo] ≤ a[mid] ≤ a[hi], then partition around a[mid]
    if (at(mid) < at(lo)) swap(a, mid, lo);
    if (at(hi) < at(lo)) swap(a, hi, lo);
    if (at(hi) < at(mid)) swap(a, hi, mid);
    const pivot = at(mid);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (at(i) < pivot) i++;
      while (at(j) > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return at(k);
  }
  return at(k);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] ?? Number.NaN;
  a[i] = a[j] ?? Number.NaN;
  a[j] = t;
}
