/**
 * App-level wiring of the alerts: starts the alert sender bid in the fetch worker, registers the chart
 * snapshot for sendPhoto, and honours deep links (`?t=<unix>&tf=<tf>`) from alert messages on load.
 */
import { useEffect, useRef } from 'preact/hooks';
import { parseDeepLink } from '../../core/alerts/link';
import type { Timeframe } from '../../core/intervals';
import type { BarFrame } from '../../core/series';
import { workersMayStart } from '../app/boot';
import { fetcher } from '../app/services';
import type { ChartController } from '../chart/chart-controller';
import { setSnapshotSource } from './feeder';

/** Call once in the app shell. */
export function useAlerts(
  chart: { current: ChartController | null },
  frame: BarFrame | null,
  timeframe: Timeframe,
  setTimeframe: (tf: Timeframe) => void,
): void {
  const link = useRef(parseDeepLink(location.search));

  useEffect(() => {
    workersMayStart()
      .then(() => fetcher.api.alertsStart())
      .catch(() => {
        // Without Web Locks (very old browsers) this tab just never sends; the log says what is pending.
      });
    setSnapshotSource(async () => {
      const canvas = chart.current?.chart.takeScreenshot(true, false);
      return canvas ? new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png')) : null;
    });
    const tf = link.current?.timeframe;
    if (tf) setTimeframe(tf);
    return () => setSnapshotSource(null);
  }, []);

  useEffect(() => {
    const target = link.current;
    if (!target || !frame || (target.timeframe && target.timeframe !== timeframe)) return;
    link.current = null;
    // After the chart view has applied the frame (its effect shows the recent bars first).
    setTimeout(() => chart.current?.jumpTo(target.time), 0);
  }, [frame, timeframe]);
}
