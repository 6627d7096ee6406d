/** Runs-rule de-clustering (statistics.md §1.3 step 8): spike bars separated by ≤ r quiet bars form one event. */

/** A run of spike bars, as inclusive bar indices of its first and last spike bar. */
export interface Run {
  first: number;
  last: number;
}

/** Runs in flags[from, to); `r` is the largest number of quiet bars allowed inside a run. */
export function declusterRuns(flags: ArrayLike<number>, r: number, from = 0, to = flags.length): Run[] {
  const runs: Run[] = [];
  let cur: Run | null = null;
  for (let i = from; i < to; i++) {
    if (!flags[i]) continue;
    if (cur && i - cur.last - 1 <= r) cur.last = i;
    else {
      if (cur) runs.push(cur);
      cur = { first: i, last: i };
    }
  }
  if (cur) runs.push(cur);
  return runs;
}

/** True when no later bar can extend the run: the r bars after it are all known (index ≤ lastKnown). */
export function runIsFinal(run: Run, r: number, lastKnown: number): boolean {
  return run.last + r + 1 <= lastKnown;
}
