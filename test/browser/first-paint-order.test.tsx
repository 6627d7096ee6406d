import { render } from 'preact';
import { useEffect, useLayoutEffect } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import { holdEffectsForFirstChart } from '../../src/ui/app/boot';
import { afterFirstChart, markFirstChartDrawn } from '../../src/ui/app/first-chart';
import type { ChartController } from '../../src/ui/chart/chart-controller';
import { ChartHub, useHubController } from '../../src/ui/chart/chart-hub';
import { renderHosts } from './helpers/hosts';

// What keeps the path to the demo's first chart short (docs/architecture.md, "Startup"): the chart reaches the views
// that draw into it without re-rendering the shell, and the shell's passive effects wait for the first chart.
const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const step = (k: number) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
    step(n);
  });
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
});
