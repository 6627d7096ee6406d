/** Synthetic bars and spike events with an optional planted post-event drift, for study tests and the bench. */
import type { EventClass, Side, SpikeEvent } from '../../src/core/events';
import { createRng } from '../../src/core/inference';
import type { StudyInput } from '../../src/core/study';
import { unixSeconds } from '../../src/core/time';

/** Options of the generator. */
export interface SyntheticOptions {
  bars: number;
  step: number;
  seed: number;
  /** Per-bar log-return sd. */
  sigma?: number;
  /** Mean bars between events. */
  eventEvery?: number;
  /** Drift per bar (log units) added for `driftBars` bars after long events (signed like the hypothesis). */
  longDrift?: number;
  shortDrift?: number;
  driftBars?: number;
}

const CLASSES: EventClass[] = ['onset', 'continuation', 'seasonal', 'extreme'];

/** Returns a study input (timeframe 15m by default grid) with events; no levels. */
export function syntheticStudyInput(o: SyntheticOptions): StudyInput {
  const rng = createRng(o.seed);
  const sigma = o.sigma ?? 0.002;
  const every = o.eventEvery ?? 100;
  const driftBars = o.driftBars ?? 8;
  const n = o.bars;
  const gauss = () => {
    const u = Math.max(1e-12, rng.next());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  };
  const events: SpikeEvent[] = [];
  const drift = new Float64Array(n);
  const start = 1_700_000_000 - (1_700_000_000 % o.step);
  for (let i = 60; i < n - 2; i++) {
    if (rng.next() >= 1 / every) continue;
    const side: Side = rng.next() < 0.5 ? 'long' : 'short';
    const d = side === 'long' ? (o.longDrift ?? 0) : -(o.shortDrift ?? 0);
    for (let j = i + 1; j <= Math.min(n - 1, i + driftBars); j++) drift[j] = (drift[j] ?? 0) + d;
    const t = unixSeconds(start + i * o.step);
    events.push({
      id: `15m:${side}:${t}`,
      timeframe: '15m',
      side,
      firstTime: t,
      peakTime: t,
      lastTime: t,
      firstIndex: i,
      usd: 1e6,
      longShare: side === 'long' ? 0.9 : 0.1,
      maxZ: 3.5 + rng.next() * 7,
      minPEmp: 0.001,
      minPTail: Number.NaN,
      heatZBefore: 0,
      eventClass: CLASSES[rng.int(4)] ?? 'onset',
      closeAtFirst: 0,
    });
    i += 2;
  }
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  let p = 50_000;
  for (let i = 0; i < n; i++) {
    const o2 = p;
    p = p * Math.exp(sigma * gauss() + (drift[i] ?? 0));
    open[i] = o2;
    close[i] = p;
    high[i] = Math.max(o2, p) * (1 + Math.abs(gauss()) * sigma * 0.5);
    low[i] = Math.min(o2, p) * (1 - Math.abs(gauss()) * sigma * 0.5);
  }
  for (const e of events) e.closeAtFirst = close[e.firstIndex] ?? 0;
  return { timeframe: '15m', start, step: o.step, open, high, low, close, events, levels: [], touches: [] };
}
