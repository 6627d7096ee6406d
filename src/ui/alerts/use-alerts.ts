/**
 * App-level wiring of the alerts: starts the alert sender bid in the fetch worker and registers the chart
 * snapshot for sendPhoto. Deep links from alert messages are ordinary view links (src/ui/app/shared-view.ts).
 */
import { useEffect } from 'preact/hooks';
import { workersMayStart } from '../app/boot';
import { fetcher } from '../app/services';
import type { ChartController } from '../chart/chart-controller';
import { setSnapshotSource } from './feeder';

/** Call once in the app shell. */
export function useAlerts(chart: { current: ChartController | null }): void {
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
    return () => setSnapshotSource(null);
  }, []);
}
