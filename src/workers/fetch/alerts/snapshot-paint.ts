/**
 * Paints an alert snapshot on a 2D context the way the app's chart looks (lightweight-charts, dark theme): candles
 * with 1 px wicks, the liquidation histogram with shorts up in green and longs down in red, S/R zones as shaded
 * bands under the candles, the event's bars highlighted with the chart's class-coloured marker, price and time axes.
 * All geometry comes from `core/snapshot/layout`; this file only paints.
 */
import { compactUsd } from '../../../core/alerts/message';
import type { Level, SpikeEvent } from '../../../core/events';
import type { BarFrame } from '../../../core/series';
import { barX, bodyWidth, type Rect, type SnapshotLayout, scaleValue } from '../../../core/snapshot/layout';
import { SNAPSHOT_PALETTE as C, EVENT_CLASS_COLOURS, zoneColour } from '../../../core/snapshot/palette';
import {
  type Ctx,
  FONT,
  lastCandle,
  paintAxes,
  paintCaption,
  paintGrid,
  type SnapshotScene,
} from './snapshot-axes';

/** Paints `scene` with `layout` onto `ctx` (sized layout.width × layout.height). */
export function paintSnapshot(ctx: Ctx, layout: SnapshotLayout, scene: SnapshotScene): void {
  ctx.fillStyle = C.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  paintCaption(ctx, layout, scene);
  paintGrid(ctx, layout);
  clipped(ctx, layout.pricePane, () => paintZones(ctx, layout, scene.levels));
  paintEventColumn(ctx, layout, scene.event);
  clipped(ctx, layout.pricePane, () => {
    paintCandles(ctx, layout, scene.frame);
    paintLastPriceLine(ctx, layout, scene.frame);
    paintMarker(ctx, layout, scene);
  });
  clipped(ctx, layout.liqPane, () => paintHistogram(ctx, layout, scene.frame));
  paintAxes(ctx, layout, scene);
}

function clipped(ctx: Ctx, r: Rect, paint: () => void): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(r.x, r.y, r.w, r.h);
  ctx.clip();
  paint();
  ctx.restore();
}

function paintZones(ctx: Ctx, l: SnapshotLayout, levels: readonly Level[]): void {
  const s = l.priceScale;
  if (!s) return;
  const active = levels.filter((v) => v.state === 'active');
  const maxStrength = Math.max(1, ...active.map((v) => v.strength));
  ctx.font = `11px ${FONT}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  for (const v of active) {
    const y1 = scaleValue(s, v.zoneHigh);
    const y2 = scaleValue(s, v.zoneLow);
    const top = Math.round(Math.min(y1, y2));
    const height = Math.max(1, Math.round(Math.max(y1, y2)) - top);
    ctx.fillStyle = zoneColour(v.kind, v.strength, maxStrength);
    ctx.fillRect(0, top, l.axisX, height);
    ctx.fillStyle = C.zoneLabel;
    ctx.fillText(
      `${v.kind === 'support' ? 'S' : 'R'} ${Math.round(v.price)} · ${v.strength.toFixed(1)}`,
      6,
      top - 2,
    );
  }
}

/** The event's bars, highlighted across both panes in the colour of its class. */
function paintEventColumn(ctx: Ctx, l: SnapshotLayout, e: SpikeEvent): void {
  const left = Math.round(barX(l, l.eventFirst) - l.slot / 2);
  const right = Math.round(barX(l, l.eventLast) + l.slot / 2);
  ctx.save();
  ctx.globalAlpha = 0.16;
  ctx.fillStyle = EVENT_CLASS_COLOURS[e.eventClass];
  ctx.fillRect(left, l.pricePane.y, right - left, l.liqPane.y + l.liqPane.h - l.pricePane.y);
  ctx.restore();
}

function paintCandles(ctx: Ctx, l: SnapshotLayout, f: BarFrame): void {
  const s = l.priceScale;
  if (!s) {
    ctx.fillStyle = C.muted;
    ctx.font = `13px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.fillText('No candles stored for these bars', l.pricePane.w / 2, l.pricePane.y + l.pricePane.h / 2);
    return;
  }
  const w = bodyWidth(l.slot);
  const { open, high, low, close } = f.candles;
  for (let i = l.from; i < l.to; i++) {
    const c = close[i] ?? Number.NaN;
    if (!Number.isFinite(c)) continue;
    const o = open[i] ?? c;
    const x = Math.round(barX(l, i));
    ctx.fillStyle = c >= o ? C.up : C.down;
    const yh = Math.round(scaleValue(s, high[i] ?? Math.max(o, c)));
    const yl = Math.round(scaleValue(s, low[i] ?? Math.min(o, c)));
    ctx.fillRect(x, yh, 1, Math.max(1, yl - yh));
    const yo = Math.round(scaleValue(s, o));
    const yc = Math.round(scaleValue(s, c));
    ctx.fillRect(x - (w - 1) / 2, Math.min(yo, yc), w, Math.max(1, Math.abs(yo - yc)));
  }
}

function paintLastPriceLine(ctx: Ctx, l: SnapshotLayout, f: BarFrame): void {
  const i = lastCandle(l, f);
  if (!l.priceScale || i < 0) return;
  const c = f.candles.close[i] ?? 0;
  ctx.fillStyle = c >= (f.candles.open[i] ?? c) ? C.up : C.down;
  const y = Math.round(scaleValue(l.priceScale, c));
  for (let x = 0; x < l.axisX; x += 4) ctx.fillRect(x, y, 1, 1);
}

function paintHistogram(ctx: Ctx, l: SnapshotLayout, f: BarFrame): void {
  const w = bodyWidth(l.slot);
  const zero = Math.round(scaleValue(l.liqScale, 0));
  const { long, short, covered } = f.liq;
  for (let i = l.from; i < l.to; i++) {
    if (!covered[i]) continue; // a gap is drawn as nothing, never as a zero
    const x = Math.round(barX(l, i)) - (w - 1) / 2;
    const s = short[i] ?? 0;
    const g = long[i] ?? 0;
    if (s > 0) {
      ctx.fillStyle = C.shortLiq;
      const y = Math.round(scaleValue(l.liqScale, s));
      ctx.fillRect(x, Math.min(y, zero - 1), w, Math.max(1, zero - y));
    }
    if (g > 0) {
      ctx.fillStyle = C.longLiq;
      const y = Math.round(scaleValue(l.liqScale, -g));
      ctx.fillRect(x, zero, w, Math.max(1, y - zero));
    }
  }
}

/** The chart's spike marker: an arrow below the bar for longs (pointing up), above it for shorts, and its text. */
function paintMarker(ctx: Ctx, l: SnapshotLayout, scene: SnapshotScene): void {
  const s = l.priceScale;
  if (!s) return;
  const e = scene.event;
  const i = l.eventFirst;
  const { high, low, close } = scene.frame.candles;
  const c = close[i] ?? Number.NaN;
  const below = e.side === 'long';
  const anchor = below ? (low[i] ?? c) : (high[i] ?? c);
  const x = barX(l, i);
  const y0 = Number.isFinite(anchor) ? scaleValue(s, anchor) : l.pricePane.y + l.pricePane.h / 2;
  const dir = below ? 1 : -1;
  const tip = y0 + dir * 5;
  const head = 7;
  const half = Math.max(5, l.slot * 0.9);
  ctx.fillStyle = EVENT_CLASS_COLOURS[e.eventClass];
  ctx.beginPath();
  ctx.moveTo(x, tip);
  ctx.lineTo(x + half, tip + dir * head);
  ctx.lineTo(x + half / 2.5, tip + dir * head);
  ctx.lineTo(x + half / 2.5, tip + dir * (head + 7));
  ctx.lineTo(x - half / 2.5, tip + dir * (head + 7));
  ctx.lineTo(x - half / 2.5, tip + dir * head);
  ctx.lineTo(x - half, tip + dir * head);
  ctx.closePath();
  ctx.fill();
  ctx.font = `12px ${FONT}`;
  ctx.textBaseline = below ? 'top' : 'bottom';
  const text = `${e.eventClass} ${compactUsd(e.usd)}`;
  // Centred under the arrow, as the chart does, but kept inside the pane when the event is the newest bar.
  const room = l.pricePane.x + l.pricePane.w - 4;
  const fits = x + ctx.measureText(text).width / 2 <= room;
  ctx.textAlign = fits ? 'center' : 'right';
  ctx.fillText(text, fits ? x : room, tip + dir * (head + 10));
}
