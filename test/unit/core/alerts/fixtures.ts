/** Synthetic spike events, levels and touches for alert tests (the shapes the compute worker reports). */
import { type AlertSettings, DEFAULT_ALERTS } from '../../../../src/core/alerts/config';
import type { AlertInput } from '../../../../src/core/alerts/rules';
import type { Level, LevelTouch, SpikeEvent } from '../../../../src/core/events';
import type { Timeframe } from '../../../../src/core/intervals';
import { TIMEFRAME_SECONDS } from '../../../../src/core/intervals';
import { unixSeconds } from '../../../../src/core/time';

/** A spike event at `firstTime`; overrides win. */
export function spike(firstTime: number, over: Partial<SpikeEvent> = {}): SpikeEvent {
  const timeframe: Timeframe = over.timeframe ?? '1h';
  const side = over.side ?? 'long';
  return {
    id: `${timeframe}:${side}:${firstTime}`,
    timeframe,
    side,
    firstTime: unixSeconds(firstTime),
    peakTime: unixSeconds(firstTime),
    lastTime: unixSeconds(firstTime),
    firstIndex: 0,
    usd: 12_345_678,
    longShare: 0.9,
    maxZ: 7.25,
    minPEmp: 0.0004,
    minPTail: Number.NaN,
    heatZBefore: 0.2,
    eventClass: 'extreme',
    closeAtFirst: 61234.5,
    ...over,
  };
}

/** A support level at `price` on `timeframe`. */
export function level(price: number, over: Partial<Level> = {}, timeframe: Timeframe = '1h'): Level {
  const kind = over.kind ?? 'support';
  return {
    id: `${timeframe}:${kind}:1000`,
    kind,
    price,
    zoneLow: price * 0.999,
    zoneHigh: price * 1.001,
    strength: 2.5,
    createdTime: unixSeconds(1000),
    lastEventTime: unixSeconds(1000),
    sourceEventIds: [],
    touches: 1,
    bounces: 0,
    state: 'active',
    brokenTime: null,
    ...over,
  };
}

/** A touch of `lvl` at `time` and `price`. */
export function touch(lvl: Level, time: number, price: number, touchNumber = 1): LevelTouch {
  return {
    id: `${lvl.id}:${time}`,
    levelId: lvl.id,
    time: unixSeconds(time),
    touchNumber,
    price,
    outcome: 'undecided',
  };
}

/** Alert settings enabled with defaults, plus overrides. */
export function rules(over: Partial<AlertSettings> = {}): AlertSettings {
  return structuredClone({ ...DEFAULT_ALERTS, enabled: true, ...over });
}

/** "Now" just after the bar at `t` closed on `tf`. */
export function justAfter(t: number, tf: Timeframe = '1h'): number {
  return t + TIMEFRAME_SECONDS[tf] + 30;
}

/** The rules' input for BTC 1h spike events alone (no levels or touches) at `nowSec`. */
export function spikeInput(events: SpikeEvent[], nowSec: number, contracts = ''): AlertInput {
  return { asset: 'BTC', timeframe: '1h', contracts, events, levels: [], touches: [], nowSec };
}
