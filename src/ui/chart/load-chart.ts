/** Loads the chart runtime (lightweight-charts and what draws with it) once; see chart-runtime.ts. */

let runtime: Promise<typeof import('./chart-runtime')> | null = null;

/** The chart runtime module, imported on first call. */
export function loadChart(): Promise<typeof import('./chart-runtime')> {
  runtime ??= import('./chart-runtime').then((m) => {
    performance.mark('liqlab:chart-runtime');
    return m;
  });
  return runtime;
}
