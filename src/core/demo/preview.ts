/**
 * The demo's first screen, precomputed: the analysis of the bundled data at 1h with the default settings, reduced
 * to what the chart draws (event markers and level zones), shipped inside the demo asset. The page draws it with
 * the first chart, before any worker has started; the worker's own analysis replaces it a moment later with the
 * same values (a unit test keeps the shipped copy equal to a fresh analysis).
 */
import type { Analysis } from '../analysis/analyzer';
import type { Level, SpikeEvent } from '../events';
import { isTimeframe, type Timeframe } from '../intervals';

/** What a marker needs from an event. */
export type MarkerEvent = Pick<SpikeEvent, 'id' | 'side' | 'eventClass' | 'usd' | 'firstTime'>;
/** What a drawn zone needs from a level. */
export type ZoneLevel = Pick<
  Level,
  'id' | 'kind' | 'price' | 'zoneLow' | 'zoneHigh' | 'strength' | 'state' | 'createdTime' | 'brokenTime'
> & { expiredTime?: number | null };

/** The precomputed first screen. */
export interface DemoPreview {
  timeframe: Timeframe;
  /** The window the demo opens on (unix seconds), chosen where the data shows what LiqLab is for. */
  focus: { from: number; to: number };
  events: MarkerEvent[];
  levels: ZoneLevel[];
}

/** Reduces an analysis to the preview's fields (the build script and its test use the same projection). */
export function previewOf(
  a: Analysis,
  timeframe: Timeframe,
  focus: { from: number; to: number },
): DemoPreview {
  return {
    timeframe,
    focus,
    events: a.detection.events.map((e) => ({
      id: e.id,
      side: e.side,
      eventClass: e.eventClass,
      usd: e.usd,
      firstTime: e.firstTime,
    })),
    levels: a.levels.map((l) => ({
      id: l.id,
      kind: l.kind,
      price: l.price,
      zoneLow: l.zoneLow,
      zoneHigh: l.zoneHigh,
      strength: l.strength,
      state: l.state,
      createdTime: l.createdTime,
      brokenTime: l.brokenTime,
      expiredTime: l.expiredTime ?? null,
    })),
  };
}

/** Checks the shape of a preview read from the asset header; throws naming what is wrong. */
export function checkPreview(value: unknown): DemoPreview {
  const p = value as Partial<DemoPreview> | null;
  const focus = p?.focus;
  if (
    !p ||
    typeof p.timeframe !== 'string' ||
    !isTimeframe(p.timeframe) ||
    !focus ||
    !Number.isFinite(focus.from) ||
    !(focus.to > focus.from) ||
    !Array.isArray(p.events) ||
    !Array.isArray(p.levels)
  )
    throw new Error('demo asset: malformed first-screen preview');
  return p as DemoPreview;
}
