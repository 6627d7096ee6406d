/**
 * App-level wiring of the alerts on the page: only deep links (`?t=<unix>&tf=<tf>`) from alert messages. Alert
 * evaluation and delivery run in the leader tab's fetch worker and depend on nothing the page shows.
 */
import { useEffect, useRef } from 'preact/hooks';
import { parseDeepLink } from '../../core/alerts/link';
import type { Timeframe } from '../../core/intervals';
import type { BarFrame } from '../../core/series';
import type { ChartController } from '../chart/chart-controller';

/** Call once in the app shell. */
export function useAlerts(
  chart: { current: ChartController | null },
  frame: BarFrame | null,
  timeframe: Timeframe,
  setTimeframe: (tf: Timeframe) => void,
): void {
  const link = useRef(parseDeepLink(location.search));

  useEffect(() => {
    const tf = link.current?.timeframe;
    if (tf) setTimeframe(tf);
  }, []);

  useEffect(() => {
    const target = link.current;
    if (!target || !frame || (target.timeframe && target.timeframe !== timeframe)) return;
    link.current = null;
    // After the chart view has applied the frame (its effect shows the recent bars first).
    setTimeout(() => chart.current?.jumpTo(target.time), 0);
  }, [frame, timeframe]);
}
