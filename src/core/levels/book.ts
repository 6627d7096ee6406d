/**
 * The level book: a bar-by-bar state machine over active levels (statistics.md §2.2 steps 4–8). Its state is
 * plain data so the analysis can clone it and replay only the open tail of the frame on a live update.
 */
import type { Level, LevelKind, LevelTouch, SpikeEvent } from '../events';
import type { Timeframe } from '../intervals';
import type { BarFrame, CandleSeries } from '../series';
import { type UnixSeconds, unixSeconds } from '../time';
import { type LevelParams, outcomeBars } from './params';

interface Pending {
  touch: LevelTouch;
  /** Position of `touch` in BookState.touches, so a clone can swap in its own copy. */
  slot: number;
  index: number;
  target: number;
}

interface LevelState {
  level: Level;
  weights: Array<{ w: number; t: number }>;
  armed: boolean;
  pending: Pending | null;
  tests: number;
  createdIndex: number;
}

/** Cloneable book state. */
export interface BookState {
  atr: number;
  atrN: number;
  prevClose: number;
  levels: LevelState[];
  /** The active subset of `levels`, so each bar visits only levels that can still change. */
  active: LevelState[];
  touches: LevelTouch[];
}

/** A fresh, empty book. */
export function emptyBook(): BookState {
  return { atr: Number.NaN, atrN: 0, prevClose: Number.NaN, levels: [], active: [], touches: [] };
}

/**
 * Copy for replaying the open tail: only active levels can change (and only their pending touch), so inactive
 * levels and settled touches are shared. This keeps a live update cheap with hundreds of old levels.
 */
export function cloneBook(b: BookState): BookState {
  const touches = [...b.touches];
  const levels = b.levels.map((s) => {
    if (s.level.state !== 'active') return s;
    let pending: Pending | null = null;
    if (s.pending) {
      const touch = { ...s.pending.touch };
      touches[s.pending.slot] = touch;
      pending = { ...s.pending, touch };
    }
    return {
      ...s,
      level: { ...s.level, sourceEventIds: [...s.level.sourceEventIds] },
      weights: [...s.weights],
      pending,
    };
  });
  return { ...b, touches, levels, active: levels.filter((s) => s.level.state === 'active') };
}

function trueRange(b: BookState, h: number, l: number): number {
  return Number.isNaN(b.prevClose)
    ? h - l
    : Math.max(h - l, Math.abs(h - b.prevClose), Math.abs(l - b.prevClose));
}

/**
 * What every step of one run of the book reads, built once per run: frames come in more than one shape (with open
 * interest or without), and per-bar code that read the frame was thrown away each time V8 met a new one.
 */
export interface BookRun {
  frame: BarFrame;
  candles: CandleSeries;
  start: number;
  step: number;
  /** Bars a touch waits for its outcome. */
  horizon: number;
  timeframe: Timeframe;
  params: LevelParams;
}

/** The run context of `frame`. */
export function bookRun(frame: BarFrame, timeframe: Timeframe, params: LevelParams): BookRun {
  return {
    frame,
    candles: frame.candles,
    start: frame.start,
    step: frame.step,
    horizon: outcomeBars(params, frame.step),
    timeframe,
    params,
  };
}

/** Advances the book by bar i of the frame, creating levels from `ending` (events whose last bar is i). */
export function stepBook(b: BookState, run: BookRun, i: number, ending: readonly SpikeEvent[]): void {
  const c = run.candles;
  const p = run.params;
  const h = c.high[i] ?? Number.NaN;
  const l = c.low[i] ?? Number.NaN;
  const close = c.close[i] ?? Number.NaN;
  const t = run.start + i * run.step;
  if (Number.isNaN(close)) return;
  const tr = trueRange(b, h, l);
  b.atr = Number.isNaN(b.atr) ? tr : b.atr + (tr - b.atr) / Math.min(b.atrN + 1, p.atrPeriod);
  b.atrN++;
  b.prevClose = close;
  const horizon = run.horizon;
  let changed = false;
  for (const s of b.active) {
    if (s.createdIndex >= i) continue;
    advanceLevel(s, b, i, t, h, l, close, horizon, p);
    if (s.level.state !== 'active') changed = true;
  }
  if (changed) b.active = b.active.filter((s) => s.level.state === 'active');
  for (const ev of ending) addEvent(b, run.frame, ev, i, t, run.timeframe, p);
}

function advanceLevel(
  s: LevelState,
  b: BookState,
  i: number,
  t: number,
  h: number,
  l: number,
  close: number,
  horizon: number,
  p: LevelParams,
): void {
  const lv = s.level;
  const support = lv.kind === 'support';
  const intersects = l <= lv.zoneHigh && h >= lv.zoneLow;
  if (s.armed && !s.pending && intersects) {
    lv.touches++;
    const touchPrice = support ? lv.zoneHigh : lv.zoneLow;
    const touch: LevelTouch = {
      id: `${lv.id}:${t}`,
      levelId: lv.id,
      time: unixSeconds(t),
      touchNumber: lv.touches,
      price: touchPrice,
      outcome: 'undecided',
    };
    b.touches.push(touch);
    s.pending = {
      touch,
      slot: b.touches.length - 1,
      index: i,
      target: touchPrice + (support ? 1 : -1) * p.bounceAtr * b.atr,
    };
    s.armed = false;
  }
  if (support ? close < lv.zoneLow : close > lv.zoneHigh) {
    lv.state = 'broken';
    lv.brokenTime = unixSeconds(t);
    if (s.pending) s.pending.touch.outcome = 'break';
    s.pending = null;
    return;
  }
  const pend = s.pending;
  if (pend && i > pend.index) {
    if (support ? h >= pend.target : l <= pend.target) {
      pend.touch.outcome = 'bounce';
      lv.bounces++;
      s.pending = null;
    } else if (i - pend.index >= horizon) {
      s.tests++;
      s.pending = null;
    }
  }
  if (support ? l > lv.zoneHigh : h < lv.zoneLow) s.armed = true;
  lv.strength = strengthAt(s, t, p);
  if (lv.strength < p.minStrength || t - lv.createdTime > p.maxAgeDays * 86400) {
    lv.state = 'expired';
    lv.expiredTime = unixSeconds(t);
  }
}

function strengthAt(s: LevelState, t: number, p: LevelParams): number {
  const hl = p.halfLifeHours * 3600;
  let sum = 0;
  for (const { w, t: ti } of s.weights) sum += w * 2 ** (-(t - ti) / hl);
  return sum + p.bounceBonus * s.level.bounces - p.testPenalty * s.tests;
}

function addEvent(
  b: BookState,
  frame: BarFrame,
  ev: SpikeEvent,
  i: number,
  t: number,
  timeframe: Timeframe,
  p: LevelParams,
): void {
  let kind: LevelKind | null = null;
  if (ev.side === 'long' && ev.longShare >= p.supportShare) kind = 'support';
  if (ev.side === 'short' && ev.longShare <= p.resistanceShare) kind = 'resistance';
  if (!kind) return;
  let price = kind === 'support' ? Infinity : -Infinity;
  for (let k = ev.firstIndex; k <= i; k++) {
    const v = kind === 'support' ? frame.candles.low[k] : frame.candles.high[k];
    if (v === undefined || Number.isNaN(v)) continue;
    price = kind === 'support' ? Math.min(price, v) : Math.max(price, v);
  }
  if (!Number.isFinite(price)) return;
  const atr = b.atr;
  const half = Math.max(p.zoneAtr * atr, p.zoneMinFraction * price);
  const tol = Math.max(p.mergeAtr * atr, p.mergeMinFraction * price);
  const w = Math.max(ev.maxZ, 0) * (ev.eventClass === 'extreme' ? 1 + p.extremeBonus : 1);
  let near: LevelState | null = null;
  for (const s of b.active) {
    if (s.level.kind !== kind) continue;
    const d = Math.abs(s.level.price - price);
    if (d <= tol && (!near || d < Math.abs(near.level.price - price))) near = s;
  }
  const time = unixSeconds(t) as UnixSeconds;
  if (near) {
    const lv = near.level;
    const wOld = near.weights.reduce((a, x) => a + x.w, 0);
    const centre = wOld + w > 0 ? (lv.price * wOld + price * w) / (wOld + w) : (lv.price + price) / 2;
    const cap = (p.maxZoneAtr * atr) / 2;
    lv.zoneLow = Math.max(Math.min(lv.zoneLow, price - half), centre - cap);
    lv.zoneHigh = Math.min(Math.max(lv.zoneHigh, price + half), centre + cap);
    lv.price = centre;
    lv.lastEventTime = time;
    lv.sourceEventIds.push(ev.id);
    near.weights.push({ w, t });
    lv.strength = strengthAt(near, t, p);
    return;
  }
  const level: Level = {
    id: `${timeframe}:${kind}:${ev.firstTime}`,
    kind,
    price,
    zoneLow: price - half,
    zoneHigh: price + half,
    strength: w,
    createdTime: time,
    lastEventTime: time,
    sourceEventIds: [ev.id],
    touches: 0,
    bounces: 0,
    state: 'active',
    brokenTime: null,
    expiredTime: null,
  };
  const state: LevelState = {
    level,
    weights: [{ w, t }],
    armed: false,
    pending: null,
    tests: 0,
    createdIndex: i,
  };
  b.levels.push(state);
  b.active.push(state);
}
