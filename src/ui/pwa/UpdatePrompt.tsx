/**
 * Registers the service worker and, when a new version is waiting, offers "Update available — reload".
 * It never reloads by itself: the user decides when, so nothing they are doing is interrupted.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Workbox } from 'workbox-window';
import { afterFirstChart } from '../app/first-chart';

/** The update banner; renders nothing until an update waits. */
export function UpdatePrompt() {
  const [wb, setWb] = useState<Workbox | null>(null);
  const [waiting, setWaiting] = useState(false);

  useEffect(() => {
    if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
    let live = true;
    // Precaching downloads the whole app again: only once the chart is on screen, so it never slows the first paint.
    // workbox-window is imported then too: it is not needed before, and the entry compiles faster without it.
    void afterFirstChart()
      .then(() => import('workbox-window'))
      .then(({ Workbox }) => {
        if (!live) return;
        const workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
        workbox.addEventListener('waiting', () => setWaiting(true));
        // Immediately: the wait for the chart is the one that matters, and the window's load event can be held up
        // by a slow request long after the chart is drawn.
        void workbox.register({ immediate: true });
        setWb(workbox);
      })
      .catch(() => {
        // The app runs without its service worker (no offline copy this visit); the next visit registers it.
      });
    return () => {
      live = false;
    };
  }, []);

  if (!waiting || !wb) return null;
  const reload = () => {
    wb.addEventListener('controlling', () => window.location.reload());
    wb.messageSkipWaiting();
  };
  return (
    <div class="update-prompt" role="alert">
      <span>Update available</span>
      <button type="button" onClick={reload}>
        Reload
      </button>
      <button type="button" onClick={() => setWaiting(false)} aria-label="Dismiss update">
        Later
      </button>
    </div>
  );
}
