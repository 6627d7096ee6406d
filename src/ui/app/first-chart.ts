/**
 * The moment the first chart is on screen. Work the first paint does not need (the workers, service-worker
 * precaching, the demo import into IndexedDB, reading settings) waits for it: on a two-core machine it would
 * otherwise compete with the page for CPU and network while the chart is being drawn.
 */

let resolveDrawn: (() => void) | null = null;
const drawn = new Promise<void>((resolve) => {
  resolveDrawn = resolve;
});
/** The first chart is on screen and the page has had an idle moment since (see markFirstChartDrawn). */
const settled = drawn.then(
  () =>
    new Promise<void>((resolve) => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 300 });
      else setTimeout(resolve, 50);
    }),
);

/**
 * Records that the chart has drawn its first frame (idempotent). What waits for it starts at the browser's next
 * idle moment, not in this frame: starting the workers and opening IndexedDB here would keep the frame that shows
 * the chart (and any input that arrives with it) waiting.
 */
export function markFirstChartDrawn(): void {
  if (!resolveDrawn) return;
  performance.mark('liqlab:first-chart');
  resolveDrawn();
  resolveDrawn = null;
}

/** True once the first chart has drawn (markFirstChartDrawn was called). */
export function firstChartDrawn(): boolean {
  return resolveDrawn === null;
}

/**
 * Resolves once the first chart is drawn and the page was idle once since, or after `maxWaitMs` when nothing is
 * drawn (no data yet, an error).
 */
export function afterFirstChart(maxWaitMs = 4000): Promise<void> {
  return Promise.race([settled, new Promise<void>((resolve) => setTimeout(resolve, maxWaitMs))]);
}
