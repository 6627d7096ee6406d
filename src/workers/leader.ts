/**
 * Leader election across tabs with Web Locks: the holder of the lock is the one tab (worker) that fetches and
 * sends alerts. The lock is held until `stop` is called or the worker/tab dies; the next waiter then takes over
 * automatically (the browser releases locks of closed tabs at once).
 */

/** Name of the lock that makes a tab the fetcher and alert sender. */
export const LEADER_LOCK = 'liqlab-leader';

/** Minimal LockManager surface, so tests can pass their own. */
export interface LockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<void>;
}

/** Handle on a leadership bid. */
export interface Leadership {
  /** Resolves when this context becomes leader. */
  readonly acquired: Promise<void>;
  /** True while this context is leader. */
  isLeader(): boolean;
  /** Gives up leadership (or the bid): the next waiting tab takes over. */
  stop(): void;
}

/** Bids for leadership; `onLead` runs once when the lock is granted and may return a cleanup for `stop`. */
export function bidForLeadership(
  locks: LockManagerLike,
  onLead: () => (() => void) | undefined,
  name: string = LEADER_LOCK,
): Leadership {
  const bid = new AbortController();
  let leader = false;
  let release: () => void = () => {};
  let granted: () => void = () => {};
  const acquired = new Promise<void>((resolve) => {
    granted = resolve;
  });
  locks
    .request(name, { signal: bid.signal }, async () => {
      leader = true;
      const cleanup = onLead();
      granted();
      await new Promise<void>((resolve) => {
        release = () => {
          if (typeof cleanup === 'function') cleanup();
          resolve();
        };
      });
      leader = false;
    })
    .catch(() => {
      // Aborted before it was granted: nothing to release.
    });
  return {
    acquired,
    isLeader: () => leader,
    stop() {
      bid.abort();
      release();
    },
  };
}
