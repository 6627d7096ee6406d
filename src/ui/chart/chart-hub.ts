/**
 * The chart controller once ChartView has created it, for the views that draw into it (markers, zones). Handed over
 * by subscription rather than App state: setting App state re-renders the whole shell, and on a cold start that
 * re-render sat between the chart's creation and its first drawn frame.
 */
import { LatestValue, useLatestValue } from '../common/latest-value';
import type { ChartController } from './chart-controller';

/** Holds the latest chart controller and tells subscribers when it changes. */
export class ChartHub extends LatestValue<ChartController | null> {
  constructor() {
    super(null);
  }

  /** The latest controller, or null before the first chart. */
  get controller(): ChartController | null {
    return this.value;
  }
}

/** The hub's controller as component state: only the component using it re-renders when it changes. */
export function useHubController(hub: ChartHub): ChartController | null {
  return useLatestValue(hub, null);
}
