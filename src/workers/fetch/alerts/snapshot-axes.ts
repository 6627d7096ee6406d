/**
 * The frame around an alert snapshot's series: caption, grid, pane separators, the price and USD axes, the newest
 * close's label and the time axis with the event's time boxed, in the chart's dark theme.
 */
import { compactUsd } from '../../../core/alerts/message';
import type { Level, SpikeEvent } from '../../../core/events';
import type { BarFrame } from '../../../core/series';
import type { SnapshotCaption } from '../../../core/snapshot/caption';
import { barX, type SnapshotLayout, scaleValue } from '../../../core/snapshot/layout';
import { SNAPSHOT_PALETTE as C, EVENT_CLASS_COLOURS } from '../../../core/snapshot/palette';
import { axisPrice } from '../../../core/snapshot/ticks';

/** The 2D context the snapshot is painted on. */
export type Ctx = OffscreenCanvasRenderingContext2D;

/** What a snapshot shows. */
export interface SnapshotScene {
  frame: BarFrame;
  levels: readonly Level[];
  event: SpikeEvent;
  caption: SnapshotCaption;
}

/** The chart's font stack (lightweight-charts' default). */
export const FONT = `-apple-system, BlinkMacSystemFont, 'Trebuchet MS', Roboto, Ubuntu, sans-serif`;

/** Index of the newest bar with a candle in the window, or -1. */
export function lastCandle(l: SnapshotLayout, f: BarFrame): number {
  for (let i = l.to - 1; i >= l.from; i--) if (Number.isFinite(f.candles.close[i] ?? Number.NaN)) return i;
  return -1;
}

/** Headline, source line and the LiqLab mark above the panes. */
export function paintCaption(ctx: Ctx, l: SnapshotLayout, scene: SnapshotScene): void {
  const sideColour = scene.event.side === 'long' ? C.longLiq : C.shortLiq;
  ctx.fillStyle = sideColour;
  ctx.beginPath();
  ctx.arc(17, 19, 5, 0, 2 * Math.PI);
  ctx.fill();
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillStyle = C.text;
  ctx.font = `bold 16px ${FONT}`;
  ctx.fillText(scene.caption.title, 30, 24);
  ctx.fillStyle = C.muted;
  ctx.font = `12px ${FONT}`;
  ctx.fillText(scene.caption.detail, 12, 42);
  ctx.font = `bold 13px ${FONT}`;
  ctx.textAlign = 'right';
  ctx.fillText('LiqLab', l.width - 12, 24);
  ctx.fillStyle = C.border;
  ctx.fillRect(0, l.caption.h - 1, l.width, 1);
}

/** Grid lines at the ticks, and the separators between panes and axes. */
export function paintGrid(ctx: Ctx, l: SnapshotLayout): void {
  ctx.fillStyle = C.grid;
  const top = l.pricePane.y;
  const bottom = l.liqPane.y + l.liqPane.h;
  for (const t of l.timeTicks) ctx.fillRect(Math.round(barX(l, t.index)), top, 1, bottom - top);
  if (l.priceScale) {
    for (const p of l.priceTicks) ctx.fillRect(0, Math.round(scaleValue(l.priceScale, p)), l.axisX, 1);
  }
  for (const v of l.liqTicks) ctx.fillRect(0, Math.round(scaleValue(l.liqScale, v)), l.axisX, 1);
  // Pane separator, as the chart draws it between the candle and histogram panes.
  ctx.fillStyle = C.border;
  ctx.fillRect(0, l.liqPane.y - 1, l.width, 1);
  ctx.fillRect(0, l.timeAxis.y, l.width, 1);
}

/** Price and USD labels, the newest close and the time axis. */
export function paintAxes(ctx: Ctx, l: SnapshotLayout, scene: SnapshotScene): void {
  ctx.fillStyle = C.text;
  ctx.font = `12px ${FONT}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const ax = l.axisX + 8;
  if (l.priceScale) {
    for (const p of l.priceTicks) ctx.fillText(axisPrice(p), ax, scaleValue(l.priceScale, p));
  }
  for (const v of l.liqTicks) ctx.fillText(compactUsd(Math.abs(v)), ax, scaleValue(l.liqScale, v));
  paintLastPriceLabel(ctx, l, scene.frame);
  paintTimeAxis(ctx, l, scene);
}

function labelBox(ctx: Ctx, text: string, x: number, yMid: number, fill: string, ink: string): void {
  const w = ctx.measureText(text).width + 10;
  ctx.fillStyle = fill;
  ctx.fillRect(x, Math.round(yMid - 9), w, 18);
  ctx.fillStyle = ink;
  ctx.fillText(text, x + 5, yMid);
}

/** The newest close on the axis, in a box coloured like its candle. */
function paintLastPriceLabel(ctx: Ctx, l: SnapshotLayout, f: BarFrame): void {
  const i = lastCandle(l, f);
  if (!l.priceScale || i < 0) return;
  const c = f.candles.close[i] ?? 0;
  const colour = c >= (f.candles.open[i] ?? c) ? C.up : C.down;
  const y = scaleValue(l.priceScale, c);
  if (y < l.pricePane.y || y > l.pricePane.y + l.pricePane.h) return;
  ctx.textAlign = 'left';
  labelBox(ctx, axisPrice(c), l.axisX + 3, y, colour, '#ffffff');
}

function paintTimeAxis(ctx: Ctx, l: SnapshotLayout, scene: SnapshotScene): void {
  const y = l.timeAxis.y + l.timeAxis.h / 2;
  const e = scene.event;
  const ex = barX(l, l.eventFirst);
  const eventText = new Date(e.firstTime * 1000).toISOString().slice(0, 16).replace('T', ' ');
  ctx.font = `12px ${FONT}`;
  const half = ctx.measureText(eventText).width / 2 + 5;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const t of l.timeTicks) {
    const x = barX(l, t.index);
    // Skip labels the event's time box would cover, and any the axis edges would cut.
    if (Math.abs(x - ex) < half + 24 || x < 16 || x > l.axisX - 16) continue;
    ctx.font = t.major ? `bold 12px ${FONT}` : `12px ${FONT}`;
    ctx.fillStyle = C.text;
    ctx.fillText(t.label, x, y);
  }
  ctx.font = `12px ${FONT}`;
  ctx.textAlign = 'left';
  const left = Math.min(Math.max(2, ex - half), l.axisX - 2 * half - 2);
  labelBox(ctx, eventText, left, y, EVENT_CLASS_COLOURS[e.eventClass], C.background);
}
