import { render } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import type { BarFrame } from '../../src/core/series';
import { holdEffectsForFirstChart } from '../../src/ui/app/boot';
import { afterFirstChart, markFirstChartDrawn } from '../../src/ui/app/first-chart';
import { ChartView } from '../../src/ui/chart/ChartView';
import type { ChartController } from '../../src/ui/chart/chart-controller';
import { ChartHub, useHubController } from '../../src/ui/chart/chart-hub';
import { LatestValue } from '../../src/ui/common/latest-value';
import { randomFrame } from '../helpers/random-frame';
import { renderHosts } from './helpers/hosts';

// What keeps the path to the demo's first chart short (docs/architecture.md, "Startup"): the chart reaches the views
// that draw into it without re-rendering the shell, and the shell's passive effects wait for the first chart.
const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const step = (k: number) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
    step(n);
  });
const waitFor = async (cond: () => boolean, ms = 5000) => {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error('timed out');
    await frames(1);
  }
};
const fakeController = (name: string) => ({ name }) as unknown as ChartController;

describe('first paint order', () => {
  const host = renderHosts();

  it('a chart set on the hub re-renders only the view that uses it, not its parent', async () => {
    const hub = new ChartHub();
    const renders = { parent: 0, child: 0 };
    const seen: string[] = [];
    function Child() {
      renders.child++;
      const c = useHubController(hub);
      seen.push(c ? (c as unknown as { name: string }).name : 'none');
      return null;
    }
    function Parent() {
      renders.parent++;
      return <Child />;
    }
    render(<Parent />, host());
    hub.set(fakeController('first'));
    await frames(1);
    hub.set(fakeController('second'));
    await frames(1);
    expect(renders.parent).toBe(1);
    expect(seen).toEqual(['none', 'first', 'second']);
  });

  it('a view mounted after the chart was set gets it in its first commit', async () => {
    const hub = new ChartHub();
    hub.set(fakeController('early'));
    const seen: string[] = [];
    function Child() {
      const c = useHubController(hub);
      seen.push(c ? (c as unknown as { name: string }).name : 'none');
      return null;
    }
    render(<Child />, host());
    await frames(1);
    expect(seen.at(-1)).toBe('early');
  });

  it('without a key, passive effects wait for the first chart; layout effects do not', async () => {
    localStorage.removeItem('liqlab:has-key'); // a first visit: no key known
    holdEffectsForFirstChart();
    const ran: string[] = [];
    function Shell() {
      useLayoutEffect(() => void ran.push('layout'), []);
      useEffect(() => void ran.push('passive'), []);
      return null;
    }
    render(<Shell />, host());
    await frames(3);
    expect(ran).toEqual(['layout']);
    markFirstChartDrawn();
    await afterFirstChart();
    await frames(2);
    expect(ran).toEqual(['layout', 'passive']);
    // Once released, effects run after the next paint again, without waiting.
    const later: string[] = [];
    function Later() {
      useEffect(() => void later.push('passive'), []);
      return null;
    }
    render(<Later />, host());
    await frames(3);
    expect(later).toEqual(['passive']);
  });

  // Last: the chart view marks the first chart drawn, which the test above needs not to have happened.
  it('the demo frame reaches the chart before its parent knows it, and the hand-over does not redraw the chart', async () => {
    const early = new LatestValue<BarFrame | null>(null);
    const renders = { parent: 0 };
    const ready: ChartController[] = [];
    let setCalls = 0;
    let give: (f: BarFrame | null) => void = () => undefined;
    function Parent() {
      renders.parent++;
      const [frame, setFrame] = useState<BarFrame | null>(null);
      give = setFrame;
      return (
        <ChartView
          asset="BTC"
          frame={frame}
          early={early}
          notice={null}
          theme="dark"
          onReady={(c) => {
            const set = c.setFrame.bind(c);
            c.setFrame = (f) => {
              setCalls++;
              set(f);
            };
            ready.push(c);
          }}
        />
      );
    }
    const root = host('width:800px;height:500px;display:flex;flex-direction:column');
    render(<Parent />, root);
    const first = randomFrame(300, 3);
    early.set(first);
    await waitFor(() => ready.length === 1);
    await frames(2);
    const chart = root.querySelector<HTMLElement>('#chart');
    expect(chart?.dataset.ready).toBe('true');
    expect(chart?.dataset.bars).toBe('300');
    expect(ready[0]?.currentFrame).toBe(first);
    expect(renders.parent).toBe(1);
    // The parent takes the same frame as the early one goes (as useDemoPreview does after the first chart).
    give(first);
    early.set(null);
    await frames(2);
    expect(ready).toHaveLength(1);
    expect(setCalls).toBe(0);
    expect(chart?.dataset.ready).toBe('true');
    // A new frame from the parent is drawn as before.
    const next = randomFrame(320, 4);
    give(next);
    await frames(2);
    expect(setCalls).toBe(1);
    expect(ready[0]?.currentFrame).toBe(next);
  });
});
