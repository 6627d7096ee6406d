/**
 * A synthetic year (plus a 90-day warm-up) of hourly long and short liquidations with what the real series have:
 * an hour-of-day profile (busier at the funding hours and the US open, quieter in the Asian night), quieter
 * weekends, lognormal noise, and cascades that come in clusters: a first wave ramps up, and often a second,
 * larger wave follows a few hours later while the first still echoes. Cascade sizes are Pareto (the regime's
 * own heavy tail). Planted outliers are far rarer: one-in-N-days bars, N well beyond the extreme cut-off.
 * Seeded: the same seed gives the same year.
 */
import type { BarFrame } from '../../src/core/series';
import { emptyCandles, emptyLiq } from '../../src/core/series';
import { unixSeconds } from '../../src/core/time';
import { rng } from './random-frame';

const HOUR = 3600;

/** Where a cascade's waves and the planted outliers are, per side. */
export interface PlantedTruth {
  /** Bar of each cluster's first wave peak. */
  firstWaves: number[];
  /** Bar where each second wave starts ramping (the cluster's continuation). */
  secondWaves: { start: number; peak: number }[];
  /** Bars of the isolated heavy-tailed shocks. */
  shocks: number[];
  /** Bars of the planted one-in-N outliers. */
  planted: number[];
}

/** The synthetic frame and where everything was put. */
export interface PlantedYear {
  frame: BarFrame;
  warmupBars: number;
  truth: Record<'long' | 'short', PlantedTruth>;
}

/** log-offset of each UTC hour: funding at 00/08/16, the US open 13–15, quiet 02–06. */
const PROFILE = [
  0.6, 0.1, -0.4, -0.5, -0.5, -0.4, -0.2, 0, 0.6, 0.2, 0.1, 0.1, 0.2, 0.5, 0.6, 0.5, 0.6, 0.2, 0.1, 0, 0, 0,
  0.1, 0.2,
];

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** Builds the year; `plantedEveryDays` spaces the planted outliers (about one per that many days, per side). */
export function plantedYear(seed: number, plantedEveryDays = 60): PlantedYear {
  const r = rng(seed);
  const warmupBars = 90 * 24;
  const n = warmupBars + 365 * 24;
  const start = 1_704_067_200 - warmupBars * HOUR; // warm-up before 2024-01-01 UTC
  const liq = emptyLiq(unixSeconds(start), HOUR, n);
  const candles = emptyCandles(unixSeconds(start), HOUR, n);
  const truth: Record<'long' | 'short', PlantedTruth> = {
    long: { firstWaves: [], secondWaves: [], shocks: [], planted: [] },
    short: { firstWaves: [], secondWaves: [], shocks: [], planted: [] },
  };
  for (const side of ['long', 'short'] as const) {
    const xs = liq[side];
    const base = (i: number) => {
      const t = start + i * HOUR;
      const hour = Math.floor((t % 86400) / HOUR);
      const weekend = [0, 6].includes(new Date(t * 1000).getUTCDay()) ? -0.3 : 0;
      return 2e5 * Math.exp((PROFILE[hour] ?? 0) + weekend + 0.7 * gauss(r));
    };
    for (let i = 0; i < n; i++) xs[i] = base(i);
    // Cascade clusters, about one every 4 days, of a similar size (15–25x the base level: the regime's recurring
    // pattern); 60 % have a second wave, 1.3–1.6x larger, 3–5 bars after the first peak, ramping up from its echo.
    let i = 48;
    while (i < n - 48) {
      const m = 2e5 * (15 + 10 * r());
      [0.25, 0.6, 1, 0.5, 0.25, 0.12].forEach((f, k) => {
        xs[i + k] = (xs[i + k] ?? 0) + f * m;
      });
      truth[side].firstWaves.push(i + 2);
      if (r() < 0.6) {
        const s = i + 5 + Math.floor(r() * 3);
        const m2 = m * (1.3 + 0.3 * r());
        [0.15, 0.5, 1, 0.45, 0.2].forEach((f, k) => {
          xs[s + k] = (xs[s + k] ?? 0) + f * m2;
        });
        truth[side].secondWaves.push({ start: s, peak: s + 2 });
      }
      i += 24 + Math.floor(-Math.log(1 - r()) * 72);
    }
    // Isolated shocks, about one every 3 days, Pareto(α = 1.5) from 8x the base level: the regime's own heavy
    // tail, which makes "one in 20 days" a level the data reaches now and then.
    for (let j = 24; j < n - 24; j += 12 + Math.floor(-Math.log(1 - r()) * 60)) {
      xs[j] = (xs[j] ?? 0) + 2e5 * 8 * (1 - r()) ** (-1 / 1.5);
      truth[side].shocks.push(j);
    }
    // Planted outliers: one bar of 300–600x the base level (a Pareto shock that large comes about once in 8–20
    // years), after the warm-up, about plantedEveryDays apart, away from cascades.
    let p = warmupBars + Math.floor(r() * plantedEveryDays * 24);
    while (p < n - 24) {
      const near = truth[side].firstWaves.some((w) => Math.abs(w - p) < 24);
      if (!near) {
        xs[p] = (xs[p] ?? 0) + 2e5 * (300 + 300 * r());
        truth[side].planted.push(p);
        p += Math.floor(plantedEveryDays * 24 * (0.6 + 0.8 * r()));
      } else p += 24;
    }
  }
  liq.covered.fill(1);
  let price = 50000;
  for (let i = 0; i < n; i++) {
    const o = price;
    price *= Math.exp(0.004 * gauss(r));
    candles.open[i] = o;
    candles.close[i] = price;
    candles.high[i] = Math.max(o, price) * 1.001;
    candles.low[i] = Math.min(o, price) * 0.999;
    candles.volume[i] = 100;
  }
  return { frame: { start: unixSeconds(start), step: HOUR, liq, candles }, warmupBars, truth };
}
