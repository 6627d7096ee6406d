import type { UTCTimestamp } from 'lightweight-charts';
import { describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/core/analysis/analyzer';
import { DEFAULT_LEVEL_PARAMS } from '../../src/core/levels/params';
import { DEFAULT_OSCILLATOR_PARAMS } from '../../src/core/oscillators/params';
import { DEFAULT_SPIKE_PARAMS } from '../../src/core/spikes/params';
import { OverlayLayers } from '../../src/ui/analysis/overlay-layers';
import { ChartController } from '../../src/ui/chart/chart-controller';
import { prefix, randomFrame } from '../helpers/random-frame';

/** Spike settings loose enough that a short random frame has events and levels to draw. */
const params = {
  spikes: { ...DEFAULT_SPIKE_PARAMS, windowBars: 48, pThreshold: 0.05, zThreshold: 2.5 },
  levels: DEFAULT_LEVEL_PARAMS,
  oscillators: DEFAULT_OSCILLATOR_PARAMS,
};

describe('analysis overlay in a real chart', () => {
  it('draws spike markers and level zones on the price pane', async () => {
    const host = document.createElement('div');
    host.style.cssText = 'width:900px;height:500px';
    document.body.append(host);
    const c = new ChartController(host, 'dark', () => {});
    const frame = randomFrame(3000, 11);
    const a = analyze(frame, '1h', params);
    c.setFrame(frame);
    const layers = new OverlayLayers(c);
    // the book's own states are unit-tested; here the last levels are drawn as active to test the rendering
    const recent = a.levels.slice(-5).map((l) => ({ ...l, state: 'active' as const }));
    layers.show(frame, { ...a, levels: recent }, 'lsi', null);
    c.showRecent(3000);
    await new Promise((r) => setTimeout(r, 300));
    expect(a.detection.events.length).toBeGreaterThan(0);
    expect(c.chart.panes().length).toBe(3);
    expect(layers.markerCount).toBe(a.detection.events.length);
    expect(recent.length).toBeGreaterThan(0);
    expect(layers.zones.drawnCount).toBeGreaterThan(0);
    expect(host.querySelectorAll('canvas').length).toBeGreaterThan(0);
    layers.dispose();
    c.dispose();
  });

  it('a frame from months later (an import replacing the demo) opens on its newest bars once its overlays replace the old ones', async () => {
    const host = document.createElement('div');
    host.style.cssText = 'width:900px;height:500px';
    document.body.append(host);
    const c = new ChartController(host, 'dark', () => {});
    const demo = randomFrame(600, 3);
    c.setFrame(demo);
    const layers = new OverlayLayers(c);
    layers.show(demo, analyze(demo, '1h', params), 'lsi', null);
    const later = randomFrame(900, 5, 3600, demo.start + 150 * 86_400);
    c.setFrame(later); // the old overlays still hold the demo's times, to the left of this frame
    layers.show(later, analyze(later, '1h', params), 'lsi', null);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const view = c.currentView();
    expect(view?.atEnd).toBe(true);
    // The newest bar in view is the frame's last, and the view is full of its bars, not empty time past its end.
    expect(c.lastVisibleIndex()).toBe(899);
    const range = c.chart.timeScale().getVisibleLogicalRange();
    const lastIndex = c.chart.timeScale().timeToIndex((later.start + 899 * 3600) as UTCTimestamp, true) ?? -1;
    expect(range && range.to - lastIndex).toBeLessThanOrEqual(5);
    layers.dispose();
    c.dispose();
  });

  it('a live update moves the newest points of the lines in place and ends where a fresh drawing of the frame does', async () => {
    const host = document.createElement('div');
    host.style.cssText = 'width:900px;height:500px';
    document.body.append(host);
    const c = new ChartController(host, 'dark', () => {});
    const frame = randomFrame(800, 4);
    const before = prefix(frame, 798);
    c.setFrame(before);
    const live = new OverlayLayers(c);
    live.show(before, analyze(before, '1h', params), 'lsi', null);
    const spies = live.lines.map((s) => ({ setData: vi.spyOn(s, 'setData'), update: vi.spyOn(s, 'update') }));
    c.setFrame(frame);
    live.show(frame, analyze(frame, '1h', params), 'lsi', null);
    for (const s of spies) {
      expect(s.setData).not.toHaveBeenCalled();
      expect(s.update).toHaveBeenCalledTimes(3); // the old newest bar and two new ones
    }
    const shown = live.lines.map((s) => s.data());
    live.dispose();
    const fresh = new OverlayLayers(c);
    fresh.show(frame, analyze(frame, '1h', params), 'lsi', null);
    expect(fresh.lines.map((s) => s.data())).toEqual(shown);
    // Another oscillator replaces the pane's data.
    // The oscillator line belongs to the chart (its pane exists from the start), so it was spied on above.
    const osc = vi.spyOn(fresh.lines[2] ?? c.longs, 'setData');
    osc.mockClear();
    fresh.show(frame, analyze(frame, '1h', params), 'cldZ', null);
    expect(osc).toHaveBeenCalledTimes(1);
    fresh.dispose();
    c.dispose();
  });
});
