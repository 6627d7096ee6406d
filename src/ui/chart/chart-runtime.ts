/**
 * Everything that needs lightweight-charts at runtime, behind one dynamic import (load-chart.ts). The entry script
 * then runs without waiting for the chart library to download, and renders the shell and decodes the demo data
 * meanwhile; index.html still preloads the library from the start (vite.config.ts).
 */
export { OverlayLayers } from '../analysis/overlay-layers';
export { ChartController } from './chart-controller';
