/** Seeded random frames with bursty liquidations and a random-walk price, for property tests and benches. */
import type { BarFrame } from '../../src/core/series';
import { emptyCandles, emptyLiq } from '../../src/core/series';
import { DEFAULT_SPIKE_PARAMS, type SpikeParams } from '../../src/core/spikes/params';
import { unixSeconds } from '../../src/core/time';

/** Mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A frame of n bars of `step` seconds starting at `start`, with occasional cascades and a few gaps. */
export function randomFrame(n: number, seed: number, step = 3600, start = 1_700_006_400): BarFrame {
  const r = rng(seed);
  const liq = emptyLiq(unixSeconds(start), step, n);
  const c = emptyCandles(unixSeconds(start), step, n);
  let price = 60000;
  let heat = 0;
  for (let i = 0; i < n; i++) {
    heat = heat * 0.7 + (r() < 0.01 ? 30 : 0);
    const base = Math.exp(r() * 3) * 1e4 * (1 + heat);
    liq.long[i] = r() < 0.05 ? 0 : base * (r() < 0.5 ? 3 : 0.5);
    liq.short[i] = r() < 0.05 ? 0 : base * r();
    liq.covered[i] = r() < 0.005 ? 0 : 1;
    const o = price;
    price *= Math.exp((r() - 0.5) * 0.01 - (heat > 5 ? 0.004 : 0));
    c.open[i] = o;
    c.close[i] = price;
    c.high[i] = Math.max(o, price) * (1 + r() * 0.003);
    c.low[i] = Math.min(o, price) * (1 - r() * 0.003);
    c.volume[i] = 100 * r();
  }
  return { start: unixSeconds(start), step, liq, candles: c };
}

/** The first k bars of a frame (copies). */
export function prefix(f: BarFrame, k: number): BarFrame {
  const cut = <T extends Float64Array | Uint8Array>(a: T) => a.slice(0, k) as T;
  return {
    start: f.start,
    step: f.step,
    liq: { ...f.liq, long: cut(f.liq.long), short: cut(f.liq.short), covered: cut(f.liq.covered) },
    candles: {
      ...f.candles,
      open: cut(f.candles.open),
      high: cut(f.candles.high),
      low: cut(f.candles.low),
      close: cut(f.candles.close),
      volume: cut(f.candles.volume),
    },
    ...(f.oiOpen ? { oiOpen: cut(f.oiOpen) } : {}),
  };
}

/**
 * Open interest (USD) at the opens of `n` bars: a random walk around $8B (about 0.3 % per bar), missing (NaN)
 * before bar `startAt` and in a few scattered bars, as a series whose history begins late and has gaps.
 */
export function randomOi(n: number, seed: number, startAt = 0, gapRate = 0.003): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(n);
  let level = 8e9;
  for (let i = 0; i < n; i++) {
    level *= Math.exp((r() - 0.5) * 0.006);
    out[i] = i < startAt || r() < gapRate ? Number.NaN : level;
  }
  return out;
}

/**
 * Spike parameters for short random streams: W = 48 reaches p_emp ≤ 0.05 (k/49 grid), so spikes and events do
 * occur, and a 5-day (120-bar) long window slides within a few hundred bars, so its evictions and threshold
 * re-estimates run too.
 */
export const SHORT_STREAM_SPIKES: SpikeParams = {
  ...DEFAULT_SPIKE_PARAMS,
  windowBars: 48,
  pThreshold: 0.05,
  zThreshold: 2.5,
  longWindowDays: 5,
  longMinBars: 0,
  longTailMinExcess: 10,
};
