/**
 * Starts the data pipeline as soon as the entry module runs, before the first render. Without a key the page
 * draws the demo itself first (demo-preview.ts) and the workers start once that chart is on screen: on two cores,
 * the demo import into IndexedDB would otherwise slow the first paint by competing for CPU. With a key the chart
 * needs the workers, so they start at once, and the demo is neither drawn nor imported.
 */
import { options } from 'preact';
import type { DemoLoad } from '../../workers/fetch/api';
import { loadChart } from '../chart/load-chart';
import { demoAsset } from './demo-preview';
import { afterFirstChart } from './first-chart';
import { probablyNoKey } from './key-hint';
import { compute, DEMO_ASSET_URL, fetcher } from './services';

let demo: Promise<DemoLoad> | null = null;
let workersStarted: Promise<void> | null = null;

/** Resolves when the workers may start: now with a key, after the first chart when the demo preview paints it. */
export function workersMayStart(): Promise<void> {
  workersStarted ??= probablyNoKey() ? afterFirstChart() : Promise.resolve();
  return workersStarted;
}

/** Starts (once) loading the bundled demo data into its database. */
export function demoReady(): Promise<DemoLoad> {
  demo ??= workersMayStart()
    .then(() => fetcher.api.ensureDemo(DEMO_ASSET_URL))
    .then((d) => {
      performance.mark('liqlab:demo-stored');
      return d;
    });
  return demo;
}

/**
 * Without a key, the effects of the first renders (Preact's passive effects: subscriptions, the address bar,
 * saving the layout…) run once the first chart is drawn, not between the shell's first paint and the chart: the
 * chart needs none of them, and on two cores they delayed it. Layout effects (which create and draw the chart)
 * are not affected. With a key nothing changes: the chart waits for the workers' data anyway.
 */
export function holdEffectsForFirstChart(): void {
  if (!probablyNoKey()) return;
  const hold = (flush: () => void) => {
    void afterFirstChart().then(() => {
      if (options.requestAnimationFrame === hold) options.requestAnimationFrame = undefined;
      flush();
    });
  };
  options.requestAnimationFrame = hold;
}

/** Kicks off the workers (their scripts load; no work until asked) and, without a key, the demo preview and import. */
export function boot(): void {
  performance.mark('liqlab:boot');
  void loadChart();
  void workersMayStart().then(() => compute.api);
  // With a key the archive is shown and the demo is not needed: useLive asks for it only if settings say no key.
  if (!probablyNoKey()) return;
  void demoAsset().catch(() => {
    // Only a head start for the first paint.
  });
  void demoReady().catch(() => {
    // App shows the error when it awaits the same promise.
  });
}
