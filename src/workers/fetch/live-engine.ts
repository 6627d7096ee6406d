/** The fetch worker's one engine, wired to the real clock, fetch, Web Locks and the notice channel. */
import { isNotice, NOTICE_CHANNEL, type Notice } from '../../core/notices';
import { database } from '../db-cache';
import { FetchEngine } from './engine';
import type { Clock } from './scheduler';

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    }),
};

let engine: Promise<FetchEngine> | null = null;

/** Starts the engine once; later settings changes (from any tab) restart it. */
export function startLiveEngine(origin: string): Promise<FetchEngine> {
  if (!engine) {
    engine = (async () => {
      const channel = new BroadcastChannel(NOTICE_CHANNEL);
      const post = (n: Notice) => channel.postMessage(n);
      const e = new FetchEngine({
        db: await database('archive'),
        locks: navigator.locks,
        fetch: (url, init) => fetch(url, init),
        origin,
        clock: realClock,
        random: Math.random,
        isOnline: () => navigator.onLine,
        post,
      });
      channel.addEventListener('message', (ev: MessageEvent) => {
        if (isNotice(ev.data) && ev.data.type === 'settings-changed') void e.start();
      });
      await e.start();
      return e;
    })();
  }
  return engine;
}
