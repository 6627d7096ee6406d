// Compute bench in real Chromium: re-bin 525,600 1m bars to 15m, a full analysis pass, one incremental bar.
import { Analyzer, analyze } from '../../src/core/analysis/analyzer';
import { binCandles, binLiq } from '../../src/core/binning';
import { DEFAULT_LEVEL_PARAMS } from '../../src/core/levels/params';
import { DEFAULT_OSCILLATOR_PARAMS } from '../../src/core/oscillators/params';
import { type BarFrame, sliceFrame } from '../../src/core/series';
import { DEFAULT_SPIKE_PARAMS } from '../../src/core/spikes/params';
import { randomOi } from '../../test/helpers/random-frame';
import { benchFrame, median } from '../lib/compute-data';

declare global {
  interface Window {
    __bench?: unknown;
  }
}

const PARAMS = {
  spikes: DEFAULT_SPIKE_PARAMS,
  levels: DEFAULT_LEVEL_PARAMS,
  oscillators: DEFAULT_OSCILLATOR_PARAMS,
};

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

async function main() {
  const m1 = benchFrame();
  let f15: BarFrame | null = null;
  const rebin: number[] = [];
  for (let r = 0; r < 7; r++) {
    rebin.push(
      time(() => {
        const liq = binLiq(m1.liq, 900);
        f15 = { start: liq.start, step: 900, liq, candles: binCandles(m1.candles, 900) };
      }),
    );
  }
  if (!f15) throw new Error('no frame');
  const frame: BarFrame = f15;
  const n = frame.liq.long.length;
  const full: number[] = [];
  let events = 0;
  let levels = 0;
  for (let r = 0; r < 5; r++) {
    full.push(
      time(() => {
        const a = analyze(frame, '15m', PARAMS);
        events = a.detection.events.length;
        levels = a.levels.length;
      }),
    );
  }
  // The same pass scoring liquidations in bp of open interest (a random walk around $8B, missing for the first
  // week and in scattered bars), interleaved with nothing else so both medians see the same machine state.
  const bpFrame: BarFrame = { ...frame, oiOpen: randomOi(n, 20241130, 672, 0.003) };
  const bpParams = { ...PARAMS, spikes: { ...PARAMS.spikes, scoreBasis: 'bpOfOi' as const } };
  const fullBp: number[] = [];
  let bpEvents = 0;
  for (let r = 0; r < 5; r++) {
    fullBp.push(
      time(() => {
        bpEvents = analyze(bpFrame, '15m', bpParams).detection.events.length;
      }),
    );
  }
  // Live path: a warm analyzer on n − 200 bars, then each step revises the open bar and then appends the next.
  const an = Analyzer.for(frame, '15m', PARAMS);
  an.update(sliceFrame(frame, 0, n - 200));
  const inc: number[] = [];
  for (let k = n - 199; k <= n; k++) {
    const v = sliceFrame(frame, 0, k);
    inc.push(time(() => an.update(v)));
    inc.push(time(() => an.update(v)));
  }
  window.__bench = {
    bars1m: m1.liq.long.length,
    bars15m: n,
    events,
    levels,
    rebin15mMs: median(rebin),
    fullPassMs: median(full),
    fullPassRuns: full,
    fullPassBpOiMs: median(fullBp),
    fullPassBpOiRuns: fullBp,
    bpEvents,
    incrementalBarMs: median(inc),
    incrementalBarP95Ms: [...inc].sort((a, b) => a - b)[Math.floor(inc.length * 0.95)],
  };
}

main().catch((e: unknown) => {
  window.__bench = { error: String(e instanceof Error ? e.stack : e) };
});
