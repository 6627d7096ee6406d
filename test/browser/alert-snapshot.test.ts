import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpikeEvent } from '../../src/core/events';
import type { BarFrame } from '../../src/core/series';
import { barX, type SnapshotLayout, scaleValue, snapshotLayout } from '../../src/core/snapshot/layout';
import {
  SNAPSHOT_PALETTE as C,
  EVENT_CLASS_COLOURS,
  ZONE_RGB,
  zoneAlpha,
} from '../../src/core/snapshot/palette';
import { loadFrame } from '../../src/workers/compute/frame-loader';
import { drawAlertSnapshot, snapshotHook } from '../../src/workers/fetch/alerts/snapshot';
import { DEMO_SYMBOL, demoArchive } from './helpers/demo-archive';
import { candidateOf, findMoment, type Moment, resultOf } from './helpers/demo-moments';
import { blend, count, hex, type Pixels, pixelsOf, same } from './helpers/pixels';

describe('alert snapshot drawn by the worker code in real Chromium (OffscreenCanvas)', () => {
  let full: BarFrame;
  const drawMs: number[] = [];

  beforeAll(async () => {
    const db = await demoArchive();
    full = (
      await loadFrame(db, {
        source: 'archive',
        asset: 'BTC',
        timeframe: '1h',
        filter: { kind: 'all' },
        referenceSymbol: DEMO_SYMBOL,
      })
    ).frame;
    db.close();
  });

  afterAll(() => {
    const sorted = [...drawMs].sort((a, b) => a - b);
    // Reported, not asserted: timing belongs in benchmarks (and this machine is shared).
    console.info(
      `snapshot draw + PNG encode: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms`,
    );
  });

  async function draw(m: Moment): Promise<{ png: Blob; px: Pixels; l: SnapshotLayout }> {
    const t0 = performance.now();
    const png = await drawAlertSnapshot(resultOf(m), candidateOf(m.event));
    drawMs.push(performance.now() - t0);
    return { png, px: await pixelsOf(png), l: snapshotLayout(m.frame, m.event) };
  }

  for (const side of ['short', 'long'] as const) {
    it(`a ${side} spike: a 1000×560 PNG with candles above, shorts up in green and longs down in red below`, async () => {
      const m = findMoment(full, side);
      const { png, px, l } = await draw(m);
      expect(png.type).toBe('image/png');
      expect([...new Uint8Array(await png.slice(0, 8).arrayBuffer())]).toEqual([
        137, 80, 78, 71, 13, 10, 26, 10,
      ]);
      expect([px.width, px.height]).toEqual([1000, 560]);

      const price = l.pricePane;
      const liq = l.liqPane;
      const zero = Math.round(scaleValue(l.liqScale, 0));
      const above = { x: 0, y: liq.y, w: liq.w, h: zero - liq.y };
      const below = { x: 0, y: zero, w: liq.w, h: liq.y + liq.h - zero };
      // The histogram: green only above the zero line, red only below it.
      expect(count(px, above, hex(C.shortLiq))).toBeGreaterThan(300);
      expect(count(px, below, hex(C.longLiq))).toBeGreaterThan(300);
      expect(count(px, above, hex(C.longLiq))).toBe(0);
      expect(count(px, below, hex(C.shortLiq))).toBe(0);
      // The event's own column reaches its value: the top (short) or bottom (long) pixel of its bar.
      const i = l.eventFirst;
      const x = Math.round(barX(l, i));
      const v = side === 'short' ? (m.frame.liq.short[i] ?? 0) : -(m.frame.liq.long[i] ?? 0);
      const tip = Math.round(scaleValue(l.liqScale, v));
      expect(
        same(px.at(x, side === 'short' ? tip + 1 : tip - 1), hex(side === 'short' ? C.shortLiq : C.longLiq)),
      ).toBe(true);

      // Candles above: both colours, and one sampled body in its own colour at its own place.
      expect(count(px, price, hex(C.up))).toBeGreaterThan(300);
      expect(count(px, price, hex(C.down))).toBeGreaterThan(300);
      expect(count(px, liq, hex(C.up)) - count(px, above, hex(C.shortLiq))).toBe(0);
      const s = l.priceScale;
      if (!s) throw new Error('price scale expected');
      let checked = 0;
      for (let k = l.from; k < l.to - 1 && checked < 20; k++) {
        const o = m.frame.candles.open[k] ?? Number.NaN;
        const c = m.frame.candles.close[k] ?? Number.NaN;
        const yo = Math.round(scaleValue(s, o));
        const yc = Math.round(scaleValue(s, c));
        if (Math.abs(yo - yc) < 3) continue;
        expect(
          same(px.at(Math.round(barX(l, k)), Math.round((yo + yc) / 2)), hex(c >= o ? C.up : C.down)),
        ).toBe(true);
        checked++;
      }
      expect(checked).toBe(20);
    });

    it(`a ${side} spike: the zone band's tint where its level is, and the event marked at its bar`, async () => {
      const m = findMoment(full, side);
      const { px, l } = await draw(m);
      const s = l.priceScale;
      if (!s) throw new Error('price scale expected');
      // Right of the newest bar (the chart's right offset) nothing but the zones is drawn.
      const strip = { x: Math.ceil(l.axisX - 4 * l.slot) + 2, w: Math.floor(4 * l.slot) - 4 };
      const active = m.analysis.levels.filter((v) => v.state === 'active');
      const strongest = Math.max(1, ...active.map((v) => v.strength));
      const tint = blend(hex(C.background), ZONE_RGB[m.level.kind], zoneAlpha(m.level.strength, strongest));
      const top = Math.ceil(scaleValue(s, m.level.zoneHigh)) + 1;
      const bottom = Math.floor(scaleValue(s, m.level.zoneLow)) - 1;
      const lastClose = Math.round(scaleValue(s, m.frame.candles.close[l.to - 1] ?? 0));
      let rows = 0;
      for (let y = top; y <= bottom; y++) {
        if (y === lastClose || l.priceTicks.some((p) => Math.round(scaleValue(s, p)) === y)) continue;
        expect(count(px, { x: strip.x, y, w: strip.w, h: 1 }, tint, 2), `row ${y}`).toBe(strip.w);
        rows++;
      }
      expect(rows).toBeGreaterThan(0);
      const outside = Math.max(...active.map((v) => scaleValue(s, v.zoneLow))) + 6;
      if (outside < l.pricePane.y + l.pricePane.h - 2) {
        const y = Math.round(outside);
        expect(count(px, { x: strip.x, y, w: strip.w, h: 1 }, tint, 2)).toBe(0);
      }

      // The marker: an arrow in the class colour right at the event's bar, above the high (short) or below the low.
      const colour = hex(EVENT_CLASS_COLOURS[m.event.eventClass]);
      const i = l.eventFirst;
      const anchor = m.event.side === 'long' ? m.frame.candles.low[i] : m.frame.candles.high[i];
      const y0 = scaleValue(s, anchor ?? Number.NaN);
      const arrow =
        m.event.side === 'long' ? { y: Math.ceil(y0 + 6), h: 12 } : { y: Math.floor(y0 - 18), h: 12 };
      let n = 0;
      let sumX = 0;
      for (let y = arrow.y; y < arrow.y + arrow.h; y++) {
        for (let x = 0; x < l.axisX; x++) {
          if (same(px.at(x, y), colour)) {
            n++;
            sumX += x;
          }
        }
      }
      expect(n).toBeGreaterThan(20);
      expect(Math.abs(sumX / n - barX(l, i))).toBeLessThan(1.5);
      // The event's bars are highlighted across both panes, and nowhere else. Counted per pixel column in the
      // histogram pane, where no text is drawn (anti-aliased text in the class colour passes through this tint).
      const glow = blend(hex(C.background), colour, 0.16);
      const left = Math.round(barX(l, l.eventFirst) - l.slot / 2);
      const right = Math.round(barX(l, l.eventLast) + l.slot / 2);
      const tinted: number[] = [];
      for (let x = 0; x < l.axisX; x++) {
        if (count(px, { x, y: l.liqPane.y, w: 1, h: l.liqPane.h }, glow, 2) >= 10) tinted.push(x);
      }
      expect(tinted).toEqual(Array.from({ length: right - left }, (_, k) => left + k));
      expect(
        count(px, { x: left, y: l.pricePane.y, w: right - left, h: l.pricePane.h }, glow, 2),
      ).toBeGreaterThan(l.pricePane.h);
      // Its time is boxed on the time axis, under the bar.
      const axisRow = Math.round(l.timeAxis.y + 4);
      expect(same(px.at(Math.round(barX(l, i)), axisRow), colour)).toBe(true);
    });
  }

  it('an event the frame does not hold gives no photo (reported), and the alert still goes as text', async () => {
    const m = findMoment(full, 'short');
    const hook = snapshotHook(async () => {
      throw new Error('the database is not needed for the all-contracts filter');
    });
    if (!hook) throw new Error('OffscreenCanvas exists in Chromium: the hook must be there');
    const stray = { ...m.event, firstTime: (m.event.firstTime + 60) as SpikeEvent['firstTime'] };
    const warn = console.warn;
    const warned: string[] = [];
    console.warn = (msg: string) => warned.push(msg);
    try {
      expect(await hook(resultOf(m), candidateOf(stray))).toBeNull();
    } finally {
      console.warn = warn;
    }
    expect(warned.join('\n')).toMatch(/not on the frame's grid/);
    expect(await hook(resultOf(m), candidateOf(m.event))).toBeInstanceOf(Blob);
  });

  it('draws the same picture inside a dedicated worker, where the live engine runs it', async () => {
    const m = findMoment(full, 'long');
    const worker = new Worker(new URL('./helpers/snapshot.worker.ts', import.meta.url), { type: 'module' });
    const reply = new Promise<unknown>((resolve, reject) => {
      worker.onmessage = (ev) => resolve(ev.data);
      worker.onerror = (ev) => reject(new Error(ev.message));
    });
    worker.postMessage({ result: resultOf(m), candidate: candidateOf(m.event) });
    const png = await reply;
    worker.terminate();
    if (!(png instanceof Blob)) throw new Error(`the worker sent ${String(png)}`);
    const fromWorker = await pixelsOf(png);
    const { px, l } = await draw(m);
    expect([fromWorker.width, fromWorker.height]).toEqual([1000, 560]);
    // Both panes must match the page's drawing pixel for pixel (the marker text included; the caption and axes are
    // left out, in case a worker ever resolves the font stack differently).
    let differ = 0;
    for (let y = l.pricePane.y; y < l.liqPane.y + l.liqPane.h; y++) {
      for (let x = 0; x < l.axisX; x++) if (!same(px.at(x, y), fromWorker.at(x, y))) differ++;
    }
    expect(differ).toBe(0);
  });
});
