/**
 * Pure rule engine: which of the spike events and level touches the compute worker reported deserve an alert.
 * Only fresh items qualify (a reload recomputes the whole history, and old events must not alert then);
 * de-duplication and cooldown state live in storage and are applied by the enqueue transaction.
 */
import type { Level, LevelTouch, SpikeEvent } from '../events';
import { TIMEFRAME_SECONDS, type Timeframe } from '../intervals';
import type { AlertSettings } from './config';

/** One compute result for one timeframe, as the page receives it. */
export interface AlertInput {
  /** The base asset the result is about: de-duplication and cooldown keys are per asset. */
  asset: string;
  timeframe: Timeframe;
  /** Key of the contract filter the result was computed on ('' when unknown). */
  contracts: string;
  events: readonly SpikeEvent[];
  levels: readonly Level[];
  touches: readonly LevelTouch[];
  /** Wall clock, unix seconds. */
  nowSec: number;
}

/** A spike that passed the rule. */
export interface SpikeCandidate {
  kind: 'spike';
  asset: string;
  /** De-duplication key: one alert per event, ever. */
  key: string;
  /** Cooldown bucket: same timeframe and side. */
  cooldownKey: string;
  cooldownMs: number;
  event: SpikeEvent;
  /**
   * The event's last bar had not closed when the rule passed: its USD is the sum so far (liquidations only add up
   * within a bar, so a bar that qualifies keeps qualifying), and the alert goes out without waiting for the close.
   */
  barOpen?: boolean;
}

/** A level touch that passed the rule. */
export interface TouchCandidate {
  kind: 'touch';
  asset: string;
  key: string;
  /** Cooldown bucket: the level. */
  cooldownKey: string;
  cooldownMs: number;
  touch: LevelTouch;
  level: Level;
  timeframe: Timeframe;
  /** Signed distance of the touch price from the level price, in percent of the level price. */
  distancePct: number;
}

/** Anything that passed a rule. */
export type AlertCandidate = SpikeCandidate | TouchCandidate;

/** How old (seconds after its bar closed) an event or touch may be and still alert. */
export function freshnessWindow(timeframe: Timeframe): number {
  // Three bars, but at least 15 min: live polling of a 1m chart can lag a few minutes behind.
  return Math.max(3 * TIMEFRAME_SECONDS[timeframe], 900);
}

function fresh(barTime: number, timeframe: Timeframe, nowSec: number): boolean {
  const closed = barTime + TIMEFRAME_SECONDS[timeframe];
  const age = nowSec - closed;
  // A bar from the future means a clock skew; allow one bar of it.
  return age <= freshnessWindow(timeframe) && age >= -TIMEFRAME_SECONDS[timeframe];
}

/** The p the rule compares: the smaller of empirical and tail p (tail p is NaN when not modelled). */
export function eventP(e: SpikeEvent): number {
  return Number.isNaN(e.minPTail) ? e.minPEmp : Math.min(e.minPEmp, e.minPTail);
}

/** True when a spike event satisfies the spike rule (freshness aside). */
export function spikeMatches(e: SpikeEvent, rules: AlertSettings, contracts: string): boolean {
  const r = rules.spikes;
  if (!r.enabled) return false;
  if (r.side !== 'both' && r.side !== e.side) return false;
  if (!r.timeframes.includes(e.timeframe) || !r.classes.includes(e.eventClass)) return false;
  if (r.contracts !== '' && r.contracts !== contracts) return false;
  if (!(e.usd >= r.minUsd)) return false;
  if (r.minZ > 0 && !(e.maxZ >= r.minZ)) return false;
  if (r.maxP < 1 && !(eventP(e) <= r.maxP)) return false;
  return true;
}

/** Signed distance of `price` from `level.price` in percent. */
export function distancePct(price: number, level: Level): number {
  return ((price - level.price) / level.price) * 100;
}

/** True when a touch of `level` satisfies the touch rule (freshness aside). */
export function touchMatches(
  t: LevelTouch,
  level: Level,
  timeframe: Timeframe,
  rules: AlertSettings,
): boolean {
  const r = rules.touches;
  if (!r.enabled || !r.timeframes.includes(timeframe)) return false;
  if (r.kind !== 'both' && r.kind !== level.kind) return false;
  if (level.state === 'expired' || !(level.strength >= r.minStrength)) return false;
  const inZone = t.price >= level.zoneLow && t.price <= level.zoneHigh;
  return inZone || Math.abs(distancePct(t.price, level)) <= r.tolerancePct;
}

/** Every fresh event and touch of `input` that passes the rules, oldest first. */
export function evaluateRules(input: AlertInput, rules: AlertSettings): AlertCandidate[] {
  if (!rules.enabled) return [];
  const out: AlertCandidate[] = [];
  for (const e of input.events) {
    if (!fresh(e.lastTime, e.timeframe, input.nowSec) || !spikeMatches(e, rules, input.contracts)) continue;
    out.push({
      kind: 'spike',
      asset: input.asset,
      key: `${input.asset}:spike:${e.id}`,
      cooldownKey: `${input.asset}:spike:${e.timeframe}:${e.side}`,
      cooldownMs: rules.spikes.cooldownMin * 60_000,
      event: e,
      barOpen: e.lastTime + TIMEFRAME_SECONDS[e.timeframe] > input.nowSec,
    });
  }
  const byId = new Map(input.levels.map((l) => [l.id, l]));
  for (const t of input.touches) {
    const level = byId.get(t.levelId);
    if (!level || !fresh(t.time, input.timeframe, input.nowSec)) continue;
    if (!touchMatches(t, level, input.timeframe, rules)) continue;
    out.push({
      kind: 'touch',
      asset: input.asset,
      key: `${input.asset}:touch:${t.id}`,
      cooldownKey: `${input.asset}:level:${level.id}`,
      cooldownMs: rules.touches.cooldownMin * 60_000,
      touch: t,
      level,
      timeframe: input.timeframe,
      distancePct: distancePct(t.price, level),
    });
  }
  return out.sort((a, b) => candidateTime(a) - candidateTime(b));
}

/** The bar time an alert is about. */
export function candidateTime(c: AlertCandidate): number {
  return c.kind === 'spike' ? c.event.firstTime : c.touch.time;
}
