/** 525,600 one-minute bars (one year) of bursty synthetic liquidations and a random-walk price, seeded. */
import type { BarFrame } from '../../src/core/series';
import { randomFrame } from '../../test/helpers/random-frame';

/** Bars in the compute bench. */
export const BENCH_BARS = 525_600;

/** The bench's 1m frame (2024-01-01 start, aligned to 15m). */
export function benchFrame(): BarFrame {
  return randomFrame(BENCH_BARS, 20240805, 60, 1_704_067_200);
}

/** Median of a list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? (s[h] ?? 0) : ((s[h - 1] ?? 0) + (s[h] ?? 0)) / 2;
}
