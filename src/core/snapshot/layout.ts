/**
 * Pixel layout and scales of an alert snapshot: which bars are drawn, where the caption, the candle pane, the
 * liquidation pane and the axes sit, and how prices and USD map to y. Pure numbers, so the drawing code in the
 * worker only paints and the geometry is unit-tested here.
 */
import type { SpikeEvent } from '../events';
import type { BarFrame } from '../series';
import { niceTicks, type TimeTick, timeTicks } from './ticks';

/** A rectangle in image pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A linear map from values [d0, d1] to pixels [r0, r1] (r0 > r1 for y axes, which grow downward). */
export interface LinearScale {
  d0: number;
  d1: number;
  r0: number;
  r1: number;
}

/** The pixel of `v` on `s`. */
export function scaleValue(s: LinearScale, v: number): number {
  return s.r0 + ((v - s.d0) / (s.d1 - s.d0)) * (s.r1 - s.r0);
}

/** Image size: wide enough for Telegram to show it full width without shrinking the text away. */
export const SNAPSHOT_SIZE = { width: 1000, height: 560 } as const;
/** Bars drawn up to the event. */
export const SNAPSHOT_BARS = 120;
/** Bars after the event's last one that are drawn when the frame has them (what followed, as far as known). */
const AFTER_EVENT = 3;
/** Empty slots right of the newest bar, as the chart's `rightOffset`. */
const RIGHT_OFFSET = 4;
const CAPTION_H = 50;
const AXIS_W = 80;
const TIME_AXIS_H = 26;
/** Share of the chart height the liquidation pane gets (the app sizes it at 28 %). */
const LIQ_SHARE = 0.28;
/** Room above the highest high and below the lowest low, as a share of the pane (markers sit there). */
const PRICE_MARGIN = 0.14;
const LIQ_MARGIN = 0.08;
/** Minimum pixels between two time labels. */
const TIME_LABEL_GAP = 90;

/** Where everything goes. */
export interface SnapshotLayout {
  width: number;
  height: number;
  caption: Rect;
  pricePane: Rect;
  liqPane: Rect;
  timeAxis: Rect;
  /** Left edge of the price axis, right of both panes. */
  axisX: number;
  /** Frame indices drawn, [from, to). */
  from: number;
  to: number;
  /** Frame index of the leftmost slot: below `from` when the frame is shorter than the window (bars stay right). */
  firstSlot: number;
  /** Pixels per bar. */
  slot: number;
  /** Price to y in the candle pane; null when the window has no candle. */
  priceScale: LinearScale | null;
  priceTicks: number[];
  /** Signed USD to y in the liquidation pane: shorts positive (up), longs negative (down). */
  liqScale: LinearScale;
  liqTicks: number[];
  timeTicks: TimeTick[];
  /** Frame indices of the event's first and last bar. */
  eventFirst: number;
  eventLast: number;
}

/** Index of the bar starting at `time`; throws when the frame has no such bar (the event was not computed on it). */
export function frameIndex(frame: BarFrame, time: number): number {
  const i = (time - frame.start) / frame.step;
  const n = frame.candles.close.length;
  if (!Number.isInteger(i) || i < 0 || i >= n) {
    throw new Error(
      `bar ${time} is not on the frame's grid (start ${frame.start}, step ${frame.step}, ${n} bars)`,
    );
  }
  return i;
}

/** x of the centre of frame bar `i`. */
export function barX(l: SnapshotLayout, i: number): number {
  return l.pricePane.x + (i - l.firstSlot + 0.5) * l.slot;
}

/** Width of a candle body or a histogram column: 80 % of the slot, odd so the 1 px wick sits in its middle. */
export function bodyWidth(slot: number): number {
  const w = Math.max(1, Math.floor(slot * 0.8));
  return w >= 3 && w % 2 === 0 ? w - 1 : w;
}

function priceDomain(frame: BarFrame, from: number, to: number): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const { low, high } = frame.candles;
  for (let i = from; i < to; i++) {
    const l = low[i] ?? Number.NaN;
    const h = high[i] ?? Number.NaN;
    if (Number.isFinite(l)) lo = Math.min(lo, l);
    if (Number.isFinite(h)) hi = Math.max(hi, h);
  }
  if (!(lo <= hi)) return null;
  if (lo === hi) return [lo - Math.max(1, Math.abs(lo) * 0.01), hi + Math.max(1, Math.abs(hi) * 0.01)];
  const pad = ((hi - lo) * PRICE_MARGIN) / (1 - 2 * PRICE_MARGIN);
  return [lo - pad, hi + pad];
}

function liqDomain(frame: BarFrame, from: number, to: number): [number, number] {
  let maxShort = 0;
  let maxLong = 0;
  const { long, short, covered } = frame.liq;
  for (let i = from; i < to; i++) {
    if (!covered[i]) continue;
    maxShort = Math.max(maxShort, short[i] ?? 0);
    maxLong = Math.max(maxLong, long[i] ?? 0);
  }
  if (maxShort === 0 && maxLong === 0) return [-1, 1];
  const pad = (maxShort + maxLong) * LIQ_MARGIN;
  return [-maxLong - pad, maxShort + pad];
}

/** The layout of a snapshot of `event` on `frame`: `bars` bars ending just after the event. */
export function snapshotLayout(
  frame: BarFrame,
  event: SpikeEvent,
  bars: number = SNAPSHOT_BARS,
  size: { width: number; height: number } = SNAPSHOT_SIZE,
): SnapshotLayout {
  const eventFirst = frameIndex(frame, event.firstTime);
  const eventLast = Math.max(eventFirst, frameIndex(frame, event.lastTime));
  const n = frame.candles.close.length;
  const to = Math.min(n, eventLast + 1 + AFTER_EVENT);
  const firstSlot = to - bars;
  const from = Math.max(0, firstSlot);

  const chartTop = CAPTION_H;
  const chartBottom = size.height - TIME_AXIS_H;
  const axisX = size.width - AXIS_W;
  const liqH = Math.round((chartBottom - chartTop) * LIQ_SHARE);
  const pricePane = { x: 0, y: chartTop, w: axisX, h: chartBottom - chartTop - liqH - 1 };
  const liqPane = { x: 0, y: chartBottom - liqH, w: axisX, h: liqH };

  const pd = priceDomain(frame, from, to);
  const priceScale = pd && { d0: pd[0], d1: pd[1], r0: pricePane.y + pricePane.h, r1: pricePane.y };
  const ld = liqDomain(frame, from, to);
  const liqScale = { d0: ld[0], d1: ld[1], r0: liqPane.y + liqPane.h, r1: liqPane.y };
  // Labels too close to a pane edge would be cut by the separator or the caption.
  const inside = (s: LinearScale, pane: Rect) => (v: number) => {
    const y = scaleValue(s, v);
    return y >= pane.y + 8 && y <= pane.y + pane.h - 8;
  };

  return {
    width: size.width,
    height: size.height,
    caption: { x: 0, y: 0, w: size.width, h: CAPTION_H },
    pricePane,
    liqPane,
    timeAxis: { x: 0, y: chartBottom, w: axisX, h: TIME_AXIS_H },
    axisX,
    from,
    to,
    firstSlot,
    slot: axisX / (bars + RIGHT_OFFSET),
    priceScale,
    priceTicks: priceScale
      ? niceTicks(priceScale.d0, priceScale.d1, 6).filter(inside(priceScale, pricePane))
      : [],
    liqScale,
    liqTicks: niceTicks(liqScale.d0, liqScale.d1, 4).filter(inside(liqScale, liqPane)),
    timeTicks: timeTicks(frame.start, frame.step, from, to, Math.floor(axisX / TIME_LABEL_GAP)),
    eventFirst,
    eventLast,
  };
}
