/**
 * Starts the data pipeline as soon as the entry module runs, before the first render: the workers load and the
 * demo data is written while Preact and the chart set up, instead of after them.
 */
import type { DemoLoad } from '../../workers/fetch/api';
import { demoAsset } from './demo-preview';
import { compute, DEMO_ASSET_URL, fetcher } from './services';

let demo: Promise<DemoLoad> | null = null;

/** Starts (once) loading the bundled demo data into its database. */
export function demoReady(): Promise<DemoLoad> {
  demo ??= fetcher.api.ensureDemo(DEMO_ASSET_URL).then((d) => {
    performance.mark('liqlab:demo-stored');
    return d;
  });
  return demo;
}

/** Kicks off both workers now; they have no work until asked, but their scripts load meanwhile. */
export function boot(): void {
  performance.mark('liqlab:boot');
  void compute.api;
  void demoAsset().catch(() => {
    // Only a head start for the first paint.
  });
  void demoReady().catch(() => {
    // App shows the error when it awaits the same promise.
  });
}
