/**
 * Placebo bar pools: non-event bars grouped by matching cell (hour bucket × volatility tercile), so each real
 * event's placebo twin comes from the same time of day and volatility regime (statistics.md §3.2).
 */
import type { Rng } from '../inference';
import type { BarStats } from './bars';

/** Candidate bars per cell, with tercile-wide and global fallbacks for empty cells. */
export interface PlaceboPools {
  byCell: Int32Array[];
  byTercile: Int32Array[];
  all: Int32Array;
}

/** Builds the pools from bars that are matchable and not marked in `blocked` (event spans ± gap). */
export function buildPools(stats: BarStats, blocked: Uint8Array): PlaceboPools {
  const byCell: number[][] = Array.from({ length: stats.cells }, () => []);
  const byTercile: number[][] = [[], [], []];
  const all: number[] = [];
  for (let i = 0; i < stats.n; i++) {
    const c = stats.cell[i] ?? -1;
    if (c < 0 || blocked[i]) continue;
    byCell[c]?.push(i);
    byTercile[c % 3]?.push(i);
    all.push(i);
  }
  return {
    byCell: byCell.map((a) => Int32Array.from(a)),
    byTercile: byTercile.map((a) => Int32Array.from(a)),
    all: Int32Array.from(all),
  };
}

/** The pool an event at bar `t0` draws its twins from: its own cell, else its tercile, else any bar. */
export function poolFor(pools: PlaceboPools, stats: BarStats, t0: number): Int32Array {
  const c = stats.cell[t0] ?? -1;
  if (c >= 0) {
    const own = pools.byCell[c];
    if (own && own.length > 0) return own;
    const ter = pools.byTercile[c % 3];
    if (ter && ter.length > 0) return ter;
  }
  return pools.all;
}

/** One random bar from `pool`, or −1 when the pool is empty. */
export function draw(pool: Int32Array, rng: Rng): number {
  return pool.length === 0 ? -1 : (pool[rng.int(pool.length)] ?? -1);
}

/** Marks bars [a, b] (clamped) in `mask`. */
export function markSpan(mask: Uint8Array, a: number, b: number): void {
  for (let i = Math.max(0, a); i <= Math.min(mask.length - 1, b); i++) mask[i] = 1;
}
