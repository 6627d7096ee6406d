import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyzer';
import type { ZoneLevel } from '../../src/core/demo/preview';
import { DEFAULT_LEVEL_PARAMS } from '../../src/core/levels/params';
import { DEFAULT_OSCILLATOR_PARAMS } from '../../src/core/oscillators/params';
import { sliceFrame } from '../../src/core/series';
import { DEFAULT_SPIKE_PARAMS } from '../../src/core/spikes/params';
import { unixSeconds } from '../../src/core/time';
import { OverlayLayers } from '../../src/ui/analysis/overlay-layers';
import { ChartController } from '../../src/ui/chart/chart-controller';
import { randomFrame } from '../helpers/random-frame';

// The view by time in a real chart: where it opens, and that it stays put when data or size change under it.
const H = 3600;
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

describe('chart view', () => {
  const hosts: HTMLElement[] = [];
  const chart = (width = 900) => {
    const host = document.createElement('div');
    host.style.cssText = `width:${width}px;height:500px`;
    document.body.append(host);
    hosts.push(host);
    return new ChartController(host, 'dark', () => {});
  };
  afterEach(() => {
    for (const h of hosts.splice(0)) h.remove();
  });
  const full = randomFrame(2000, 7);
  const at = (i: number) => full.start + i * H;

  it('opens on a pending view (a link, the demo’s first screen) instead of the newest bars', async () => {
    const c = chart();
    c.setPendingView({ time: at(700), bars: 120 });
    c.setFrame(full);
    await frames();
    const v = c.currentView();
    expect(Math.abs((v?.time ?? 0) - at(700))).toBeLessThanOrEqual(H);
    expect(v?.bars).toBeCloseTo(120, 0);
    expect(v?.atEnd).toBe(false);
  });

  it('keeps the place in view when a longer frame replaces a slice, and when overlays of it arrive first', async () => {
    const c = chart();
    c.setPendingView({ time: at(700), bars: 150 });
    c.setFrame(sliceFrame(full, 500, 900));
    await frames();
    // The analysis of the full frame draws its overlay series before the chart has the full frame.
    const layers = new OverlayLayers(c);
    const a = analyze(full, '1h', {
      spikes: DEFAULT_SPIKE_PARAMS,
      levels: DEFAULT_LEVEL_PARAMS,
      oscillators: DEFAULT_OSCILLATOR_PARAMS,
    });
    layers.show(full, a, 'lsi', null);
    c.setFrame(full);
    await frames();
    expect(Math.abs((c.currentView()?.time ?? 0) - at(700))).toBeLessThanOrEqual(H);
    layers.dispose();
  });

  it('a link’s place waits for data that holds it (a first backfill still arriving)', async () => {
    const c = chart();
    c.setPendingView({ time: at(300), bars: 100 });
    c.setFrame(sliceFrame(full, 1000, 2000));
    await frames();
    expect(c.currentView()?.atEnd).toBe(true);
    c.setFrame(full);
    await frames();
    expect(Math.abs((c.currentView()?.time ?? 0) - at(300))).toBeLessThanOrEqual(H);
  });

  it('data that does not contain the place in view (another source) opens on its newest bars', async () => {
    const c = chart();
    c.setPendingView({ time: at(300), bars: 100 });
    c.setFrame(full);
    await frames();
    c.setFrame(randomFrame(500, 9, H, at(5000)));
    await frames();
    expect(c.currentView()?.atEnd).toBe(true);
  });

  it('a view at the newest bar follows new data; a resize keeps the centre', async () => {
    const c = chart();
    c.setFrame(sliceFrame(full, 0, 1500));
    await frames();
    expect(c.currentView()?.atEnd).toBe(true);
    c.setFrame(full);
    await frames();
    expect(c.lastVisibleIndex()).toBe(full.candles.close.length - 1);
    c.showView({ time: at(1000), bars: 100 });
    await frames();
    (c.container as HTMLElement).style.width = '600px';
    await new Promise((r) => setTimeout(r, 100));
    await frames();
    expect(Math.abs((c.currentView()?.time ?? 0) - at(1000))).toBeLessThanOrEqual(H);
  });

  it('draws each zone over its life and counts only those in view', async () => {
    const c = chart();
    c.setFrame(full);
    const layers = new OverlayLayers(c);
    const zone = (id: string, from: number, to: number | null): ZoneLevel => {
      const price = full.candles.close[from] ?? 0;
      return {
        id,
        kind: 'support',
        price,
        zoneLow: price * 0.999,
        zoneHigh: price * 1.001,
        strength: 2,
        state: to === null ? 'active' : 'broken',
        createdTime: unixSeconds(at(from)),
        brokenTime: to === null ? null : unixSeconds(at(to)),
        expiredTime: null,
      };
    };
    layers.showPreview(full, [], [zone('old', 100, 150), zone('here', 980, 1020), zone('live', 1900, null)]);
    c.showView({ time: at(1000), bars: 100 });
    await frames();
    expect(c.container.dataset.zonesInView).toBe('1');
    expect(layers.zones.drawnCount).toBe(1);
    c.showView({ time: at(1950), bars: 100 });
    await frames();
    expect(c.container.dataset.zonesInView).toBe('1');
    c.showView({ time: at(125), bars: 100 });
    await frames();
    expect(c.container.dataset.zonesInView).toBe('1');
    // Between them: none alive in view.
    c.showView({ time: at(600), bars: 100 });
    await frames();
    expect(c.container.dataset.zonesInView).toBe('0');
    layers.dispose();
  });

  it('labels the newest close on the price axis while older history is in view, and moves it with live data', async () => {
    const c = chart();
    c.setPendingView({ time: at(700), bars: 120 });
    c.setFrame(full);
    await frames();
    const n = full.candles.close.length;
    const shown = full.candles.close[c.lastVisibleIndex() ?? 0] ?? Number.NaN;
    const cell = c.container.querySelectorAll('tr')[0]?.querySelectorAll('td')[2];
    const canvas = cell?.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) throw new Error('no price axis canvas');
    const height = canvas.clientHeight;
    // The price axis of the candle pane: the label is a box in the newest candle's colour at its price.
    const labelAt = (price: number) => {
      const y = c.candles.priceToCoordinate(price) ?? -1;
      const ratio = canvas.width / canvas.clientWidth;
      const px = ctx.getImageData(Math.round(canvas.width * 0.3), Math.round(y * ratio), 1, 1).data;
      return (px[0] === 0x26 && px[1] === 0xa6 && px[2] === 0x9a) || (px[0] === 0xef && px[1] === 0x53);
    };
    // The newest bar moves (live data) to prices in view, away from the last visible bar's close.
    const liveAt = async (y: number) => {
      const price = c.candles.coordinateToPrice(y) ?? Number.NaN;
      const candles = { ...full.candles };
      for (const k of ['open', 'high', 'low', 'close'] as const) {
        candles[k] = full.candles[k].slice();
        candles[k][n - 1] = price;
      }
      c.setFrame({ ...full, candles });
      await frames();
      return price;
    };
    const shownY = c.candles.priceToCoordinate(shown) ?? 0;
    const y1 = shownY > height / 2 ? height * 0.25 : height * 0.75;
    const first = await liveAt(y1);
    expect(c.currentView()?.atEnd).toBe(false); // still looking at older history
    expect(labelAt(first)).toBe(true);
    expect(labelAt(shown)).toBe(false); // not the last bar in view, as the library's own label was
    const second = await liveAt(height / 2 + (y1 < height / 2 ? 40 : -40));
    expect(labelAt(second)).toBe(true);
    expect(labelAt(first)).toBe(false);
  });
});
