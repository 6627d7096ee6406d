/**
 * The moment the first chart is on screen. Work the first paint does not need (service-worker precaching, the
 * demo import into IndexedDB) waits for it: on a two-core machine it would otherwise compete with the page for CPU
 * and network while the chart is being drawn.
 */

let resolveDrawn: (() => void) | null = null;
const drawn = new Promise<void>((resolve) => {
  resolveDrawn = resolve;
});

/** Records that the chart has drawn its first frame (idempotent). */
export function markFirstChartDrawn(): void {
  if (!resolveDrawn) return;
  performance.mark('liqlab:first-chart');
  resolveDrawn();
  resolveDrawn = null;
}

/** Resolves once the first chart is drawn, or after `maxWaitMs` when nothing is drawn (no data yet, an error). */
export function afterFirstChart(maxWaitMs = 4000): Promise<void> {
  return Promise.race([drawn, new Promise<void>((resolve) => setTimeout(resolve, maxWaitMs))]);
}
