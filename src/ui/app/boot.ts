/**
 * Starts the data pipeline as soon as the entry module runs, before the first render: the workers load and the
 * demo data is written while Preact and the chart set up, instead of after them.
 */
import type { DemoLoad } from '../../workers/fetch/api';
import { compute, DEMO_ASSET_URL, fetcher } from './services';

let demo: Promise<DemoLoad> | null = null;

/** Starts (once) loading the bundled demo data into its database. */
export function demoReady(): Promise<DemoLoad> {
  demo ??= fetcher.api.ensureDemo(DEMO_ASSET_URL);
  return demo;
}

/** Kicks off both workers now; they have no work until asked, but their scripts load meanwhile. */
export function boot(): void {
  void compute.api;
  void demoReady().catch(() => {
    // App shows the error when it awaits the same promise.
  });
}
