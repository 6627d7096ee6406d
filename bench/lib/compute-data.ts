/** 525,600 one-minute bars (one year) of bursty synthetic liquidations and a random-walk price, seeded. */
import type { BarFrame } from '../../src/core/series';
import { randomFrame } from '../../test/helpers/random-frame';

/** Bars in the compute bench. */
export const BENCH_BARS = 525_600;

/** The bench's 1m frame (2024-01-01 start, aligned to 15m). */
export function benchFrame(): BarFrame {
  return randomFrame(BENCH_BARS, 20240805, 60, 1_704_067_200);
}

/** A prefix view of a frame (no copy), for feeding live bars one at a time. */
export function view(f: BarFrame, k: number): BarFrame {
  const c = f.candles;
  const l = f.liq;
  return {
    ...f,
    liq: {
      ...l,
      long: l.long.subarray(0, k),
      short: l.short.subarray(0, k),
      covered: l.covered.subarray(0, k),
    },
    candles: {
      ...c,
      open: c.open.subarray(0, k),
      high: c.high.subarray(0, k),
      low: c.low.subarray(0, k),
      close: c.close.subarray(0, k),
      volume: c.volume.subarray(0, k),
    },
  };
}

/** Median of a list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? (s[h] ?? 0) : ((s[h - 1] ?? 0) + (s[h] ?? 0)) / 2;
}
