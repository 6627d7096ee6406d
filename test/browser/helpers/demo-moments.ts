/** Alertable spike events of the demo data as the leader saw them when they were fresh: for snapshot tests. */
import { DEFAULT_ALERTS } from '../../../src/core/alerts/config';
import { type SpikeCandidate, spikeMatches } from '../../../src/core/alerts/rules';
import { type Analysis, Analyzer } from '../../../src/core/analysis/analyzer';
import type { Level, Side, SpikeEvent } from '../../../src/core/events';
import { type BarFrame, sliceFrame } from '../../../src/core/series';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { scaleValue, snapshotLayout } from '../../../src/core/snapshot/layout';
import type { TargetResult } from '../../../src/workers/fetch/alerts/analyzers';

const params = {
  spikes: DEFAULT_SETTINGS.spikes,
  levels: DEFAULT_SETTINGS.levels,
  oscillators: DEFAULT_SETTINGS.oscillators,
};
const rules = { ...DEFAULT_ALERTS, enabled: true };

/** One alertable demo event as the leader saw it: the archive up to two bars after it, analysed. */
export interface Moment {
  cut: number;
  frame: BarFrame;
  analysis: Analysis;
  event: SpikeEvent;
  /** An active level whose whole band is inside the drawn price range. */
  level: Level;
}

/** The pipeline's view of a moment (1h, all contracts). */
export function resultOf(m: Moment): TargetResult {
  return {
    target: { asset: 'BTC', timeframe: '1h', filter: { kind: 'all' } },
    frame: m.frame,
    analysis: m.analysis,
    input: {
      asset: 'BTC',
      timeframe: '1h',
      contracts: 'all',
      events: [],
      levels: [],
      touches: [],
      nowSec: 0,
    },
  };
}

/** The planner's candidate for `event`. */
export function candidateOf(event: SpikeEvent): SpikeCandidate {
  return {
    kind: 'spike',
    asset: 'BTC',
    key: `BTC:spike:${event.id}`,
    cooldownKey: 'c',
    cooldownMs: 0,
    event,
  };
}

/** The first event on `side` that the default rules alert on, seen when it was fresh, with a level in view. */
export function findMoment(full: BarFrame, side: Side): Moment {
  const whole = Analyzer.for(full, '1h', params);
  whole.update(full);
  for (const e0 of whole.result().detection.events) {
    if (e0.side !== side) continue;
    const cut = (e0.lastIndex ?? e0.firstIndex) + 2;
    const frame = sliceFrame(full, 0, cut);
    const a = Analyzer.for(frame, '1h', params);
    a.update(frame);
    const analysis = a.result();
    const event = analysis.detection.events.find((e) => e.id === e0.id);
    if (!event || !spikeMatches(event, rules, 'all')) continue;
    const l = snapshotLayout(frame, event);
    const s = l.priceScale;
    const level = analysis.levels.find(
      (v) =>
        v.state === 'active' &&
        s !== null &&
        scaleValue(s, v.zoneHigh) > l.pricePane.y + 4 &&
        scaleValue(s, v.zoneLow) < l.pricePane.y + l.pricePane.h - 4 &&
        scaleValue(s, v.zoneLow) - scaleValue(s, v.zoneHigh) >= 4,
    );
    if (level) return { cut, frame, analysis, event, level };
  }
  throw new Error(`the demo has no alertable ${side} event with a level in view`);
}
