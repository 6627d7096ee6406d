/**
 * The shapes the compute worker reports and the study, the chart and the alerts consume.
 * Field names are a contract between those modules: change them only together.
 */
import type { ScoreBasis } from './context/liq-bp';
import type { Timeframe } from './intervals';
import type { UnixSeconds } from './time';

/** Which positions were liquidated: `long` = forced sells, `short` = forced buys. */
export type Side = 'long' | 'short';

/** What kind of spike event this is (statistics.md §1.4). */
export type EventClass = 'seasonal' | 'continuation' | 'onset' | 'extreme';

/** Scores of one series at one closed bar. */
export interface BarScore {
  /** Robust z after the seasonal offset; NaN before the baseline has enough history. */
  z: number;
  /** Robust z without the seasonal offset. */
  zRaw: number;
  /** Empirical p, (1 + #{past ≥ x}) / (n + 1). */
  pEmp: number;
  /**
   * Long-window GPD tail p: the per-bar rate of declustered peaks at least this large over the long baseline
   * (~90 days). NaN at or below the tail's threshold, with too little history, and for the total series.
   */
  pTail: number;
  spike: boolean;
}

/** A de-clustered run of spike bars on one side: the unit of every later test. */
export interface SpikeEvent {
  /** Stable id: `${timeframe}:${side}:${firstTime}`, so alerts de-duplicate across reloads. */
  id: string;
  timeframe: Timeframe;
  side: Side;
  /** Start time of the first spike bar; the event is known at that bar's close. */
  firstTime: UnixSeconds;
  peakTime: UnixSeconds;
  lastTime: UnixSeconds;
  /** Index of the first spike bar in the frame it was computed on. */
  firstIndex: number;
  /** Index of the last spike bar in the same frame; optional so events built elsewhere stay valid. */
  lastIndex?: number;
  /** Largest robust z without the seasonal offset (optional, added by the compute worker). */
  maxZRaw?: number;
  /** Liquidated USD of this side summed over the event's bars. */
  usd: number;
  /** Long share of the event's total USD, L / (L + S). */
  longShare: number;
  /**
   * This side's liquidations in basis points of open interest, summed over the event's bars (each bar against
   * the open interest at its own open); NaN when a covered bar of the event has no open interest. Present only
   * when the analysis had open interest (the bp-of-OI score, the study).
   */
  bpOfOi?: number;
  /** What the event was scored on (USD when absent: events built elsewhere). */
  scoreBasis?: ScoreBasis;
  maxZ: number;
  minPEmp: number;
  /** Smallest long-window tail p in the event (its rarity: return period 1/p bars), NaN when not available. */
  minPTail: number;
  /**
   * Bars of history the long baseline held at the event's rarest bar (the span its rarity is judged over);
   * optional so events built elsewhere stay valid.
   */
  longBars?: number;
  /** Cascade heat z(E) at the bar before the event. */
  heatZBefore: number;
  /**
   * Hawkes-lite background probability μ/λ at the first bar (NaN before the fit has enough bars); a heuristic,
   * single-event labels are unreliable (Sornette & Utkin 2009). Optional so events built elsewhere stay valid.
   */
  pBg?: number;
  eventClass: EventClass;
  /** Close of the first spike bar (the study's reference price P0). */
  closeAtFirst: number;
}

/** Support below price from long flushes, resistance above from short squeezes. */
export type LevelKind = 'support' | 'resistance';

/** A support/resistance level built from spike events (statistics.md §2.2). */
export interface Level {
  /** Stable id: `${timeframe}:${kind}:${first source event's firstTime}`. */
  id: string;
  kind: LevelKind;
  price: number;
  zoneLow: number;
  zoneHigh: number;
  /** Decayed score S(t) at the frame's last bar. */
  strength: number;
  createdTime: UnixSeconds;
  lastEventTime: UnixSeconds;
  sourceEventIds: string[];
  touches: number;
  bounces: number;
  state: 'active' | 'broken' | 'expired';
  brokenTime: UnixSeconds | null;
  /** Start of the bar at which the level expired (weak or too old); optional so levels built elsewhere stay valid. */
  expiredTime?: UnixSeconds | null;
}

/** One touch of a level and what followed it. */
export interface LevelTouch {
  /** Stable id: `${levelId}:${time}`. */
  id: string;
  levelId: string;
  time: UnixSeconds;
  /** 1 for the first touch of the level, 2 for the second, … */
  touchNumber: number;
  price: number;
  outcome: 'bounce' | 'break' | 'undecided';
}
