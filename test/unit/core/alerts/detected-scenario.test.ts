/**
 * Rules against what the compute code really reports: a scripted hourly series streamed bar by bar through
 * detectSpikes + buildLevels, as a live tab would see it. Every detected event and touch must alert exactly once,
 * at the bar it becomes known, and nothing else may alert.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERTS } from '../../../../src/core/alerts/config';
import { evaluateRules } from '../../../../src/core/alerts/rules';
import { buildLevels, DEFAULT_LEVEL_PARAMS } from '../../../../src/core/levels/build';
import { type BarFrame, sliceFrame } from '../../../../src/core/series';
import { detectSpikes } from '../../../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS } from '../../../../src/core/spikes/params';
import { unixSeconds } from '../../../../src/core/time';

const H = 3600;
const N = 24 * 40;

/** Deterministic market: a random walk with hour-of-day liquidation noise and a few planted flushes. */
function scripted(): BarFrame {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const f = (n: number) => new Float64Array(n);
  const [open, high, low, close, volume, long, short] = [f(N), f(N), f(N), f(N), f(N), f(N), f(N)];
  let p = 60_000;
  const flushes = new Map([
    [24 * 20 + 5, 'long'],
    [24 * 26 + 13, 'short'],
    [24 * 33 + 2, 'long'],
    [24 * 37 + 20, 'short'],
  ]);
  for (let i = 0; i < N; i++) {
    const side = flushes.get(i);
    const move = side === 'long' ? -0.03 : side === 'short' ? 0.03 : (rnd() - 0.5) * 0.01;
    const o = p;
    p *= 1 + move;
    open[i] = o;
    close[i] = p;
    high[i] = Math.max(o, p) * (1 + rnd() * 0.003);
    low[i] = Math.min(o, p) * (1 - rnd() * 0.003);
    volume[i] = 1000;
    long[i] = 2e5 * rnd() ** 3 + (side === 'long' ? 4e7 : 0);
    short[i] = 2e5 * rnd() ** 3 + (side === 'short' ? 4e7 : 0);
  }
  const start = unixSeconds(1_700_000_000 - (1_700_000_000 % H));
  return {
    start,
    step: H,
    candles: { start, step: H, open, high, low, close, volume },
    liq: { start, step: H, long, short, covered: new Uint8Array(N).fill(1) },
  };
}

const rules = {
  ...DEFAULT_ALERTS,
  enabled: true,
  spikes: {
    ...DEFAULT_ALERTS.spikes,
    minUsd: 0,
    maxP: 1,
    classes: ['seasonal', 'continuation', 'onset', 'extreme'] as const,
    timeframes: ['1h' as const],
  },
  touches: { ...DEFAULT_ALERTS.touches, minStrength: 0, timeframes: ['1h' as const] },
};

describe('alert rules on a scripted series streamed through the real detector', () => {
  const frame = scripted();
  const final = detectSpikes(frame, '1h', DEFAULT_SPIKE_PARAMS);
  const finalLevels = buildLevels(frame, final.events, '1h', DEFAULT_LEVEL_PARAMS);
  const alerted = new Map<string, number>();
  for (let n = 200; n <= N; n++) {
    const part = sliceFrame(frame, 0, n);
    const d = detectSpikes(part, '1h', DEFAULT_SPIKE_PARAMS);
    const lv = buildLevels(part, d.events, '1h', DEFAULT_LEVEL_PARAMS);
    const nowSec = part.start + n * H; // the close of bar n−1: what a live tab knows
    const input = {
      asset: 'BTC',
      timeframe: '1h' as const,
      contracts: 'all',
      events: d.events,
      levels: lv.levels,
      touches: lv.touches,
      nowSec,
    };
    for (const c of evaluateRules(input, {
      ...rules,
      spikes: { ...rules.spikes, classes: [...rules.spikes.classes] },
    })) {
      if (!alerted.has(c.key)) alerted.set(c.key, n - 1); // the outbox keeps one alert per key
    }
  }

  it('the planted flushes are detected and leave levels that price comes back to', () => {
    expect(final.events.length).toBeGreaterThanOrEqual(4);
    expect(finalLevels.touches.length).toBeGreaterThan(0);
  });

  it('every detected event alerts, and only those', () => {
    const spikeKeys = [...alerted.keys()].filter((k) => k.startsWith('BTC:spike:')).sort();
    expect(spikeKeys).toEqual(final.events.map((e) => `BTC:spike:${e.id}`).sort());
  });

  it('each spike alerts at the bar the event became known (its last bar), not later', () => {
    for (const e of final.events) {
      const lastIndex = (e.lastTime - frame.start) / H;
      expect(alerted.get(`BTC:spike:${e.id}`)).toBe(lastIndex);
    }
  });

  it('every level touch alerts, and only those', () => {
    const touchKeys = [...alerted.keys()].filter((k) => k.startsWith('BTC:touch:')).sort();
    expect(touchKeys).toEqual(finalLevels.touches.map((t) => `BTC:touch:${t.id}`).sort());
  });
});
