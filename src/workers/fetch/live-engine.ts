/** The fetch worker's one engine, wired to the real clock, fetch, Web Locks, the notice bus and connectivity events. */
import { broadcastBus } from '../../platform/notice-bus';
import { realClock } from '../clock';
import { database } from '../db-cache';
import { browserNotify } from './alerts/notify';
import { snapshotHook } from './alerts/snapshot';
import { FetchEngine } from './engine';

let engine: Promise<FetchEngine> | null = null;

/** Starts the engine once; later settings changes (from any tab) reach it through the bus. */
export function startLiveEngine(origin: string, appUrl: string): Promise<FetchEngine> {
  if (!engine) {
    engine = (async () => {
      const bus = broadcastBus();
      let crash = false;
      const e: FetchEngine = new FetchEngine({
        db: () => database('archive'),
        locks: navigator.locks,
        fetch: (url, init) => fetch(url, init),
        origin,
        appUrl,
        clock: realClock,
        random: Math.random,
        isOnline: () => navigator.onLine,
        bus,
        alerts: {
          snapshot: snapshotHook(() => database('archive')),
          notify: browserNotify,
          tzOffsetMin: () => new Date().getTimezoneOffset(),
        },
        onTurn: () => {
          if (!crash) return;
          crash = false;
          throw new Error('the fetch loop was crashed on request (test hook)');
        },
      });
      e.listen();
      bus.subscribe((n) => {
        if (n.type === 'crash-leader' && e.isLeader()) {
          crash = true;
          // An idle loop sleeps up to a minute: wake it so the failure happens now, as a real one would.
          e.wake();
        }
      });
      // Workers get the same connectivity events as pages: the first request after the network returns goes now.
      self.addEventListener('online', () => e.wake());
      await e.start();
      return e;
    })();
  }
  return engine;
}
