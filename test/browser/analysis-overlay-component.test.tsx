import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import type { MarkerEvent, ZoneLevel } from '../../src/core/demo/preview';
import { unixSeconds } from '../../src/core/time';
import { AnalysisOverlay } from '../../src/ui/analysis/AnalysisOverlay';
import { ChartController } from '../../src/ui/chart/chart-controller';
import { loadChart } from '../../src/ui/chart/load-chart';
import { randomFrame } from '../helpers/random-frame';
import { renderHosts } from './helpers/hosts';

// The demo's first screen as the shell draws it: precomputed markers and zones on the preview frame, kept on screen
// until an analysis replaces them (not only for the first frame).
const H = 3600;
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

describe('analysis overlay component', () => {
  const host = renderHosts();

  it('keeps the preview’s markers and zones after the first paint, until the controller goes', async () => {
    const barHost = host();
    const chartHost = host('width:900px;height:500px');
    await loadChart(); // as in the app, where the chart runtime is loaded by the time a controller exists
    const frame = randomFrame(400, 3);
    const c = new ChartController(chartHost, 'dark', () => {});
    c.setFrame(frame);
    c.showView({ time: frame.start + 200 * H, bars: 100 });
    const price = frame.candles.close[190] ?? 0;
    const levels: ZoneLevel[] = [
      {
        id: 'z',
        kind: 'support',
        price,
        zoneLow: price * 0.999,
        zoneHigh: price * 1.001,
        strength: 2,
        state: 'active',
        createdTime: unixSeconds(frame.start + 190 * H),
        brokenTime: null,
        expiredTime: null,
      },
    ];
    const events: MarkerEvent[] = [
      { id: 'e', side: 'long', eventClass: 'onset', usd: 5e6, firstTime: unixSeconds(frame.start + 195 * H) },
    ];
    const preview = { frame, events, levels };
    // As in the shell: the bar renders before the chart exists, and gets the controller once the chart is made.
    render(<AnalysisOverlay controller={null} result={null} preview={preview} />, barHost);
    await frames();
    render(<AnalysisOverlay controller={c} result={null} preview={preview} />, barHost);
    // Past the first paint and the passive effects that follow it (Preact runs them after the next frame).
    await frames();
    await new Promise((r) => setTimeout(r, 150));
    await frames();
    expect(chartHost.dataset.zonesInView).toBe('1');
    expect(chartHost.dataset.markersInView).toBe('1');
    render(null, barHost);
    expect(chartHost.dataset.zonesInView).toBe('0');
    expect(chartHost.dataset.markersInView).toBe('0');
    c.dispose();
  });
});
