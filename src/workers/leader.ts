/**
 * Leader election across tabs with Web Locks: the holder of the lock is the one tab (worker) that fetches,
 * evaluates alerts and delivers them. The lock is held exactly as long as the tenure's promise runs: when the
 * work ends for any reason (stopped, failed, key rejected) the lock is released, so no code path can keep it
 * without working, and the next waiting tab takes over at once (the browser also releases locks of closed tabs).
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
  /** Resolves when the tenure has ended (or the bid was withdrawn before it began) and the lock is free. */
  readonly ended: Promise<void>;
  /** True while this context is leader. */
  isLeader(): boolean;
  /** Withdraws the bid, or ends the tenure by aborting its signal. */
  stop(): void;
}

/** Bids for `name`; once granted, runs `tenure` and holds the lock until its promise settles. */
export function holdLeadership(
  locks: LockManagerLike,
  tenure: (signal: AbortSignal) => Promise<void>,
  name: string = LEADER_LOCK,
): Leadership {
  const bid = new AbortController();
  const work = new AbortController();
  let leader = false;
  let granted: () => void = () => {};
  const acquired = new Promise<void>((resolve) => {
    granted = resolve;
  });
  const ended = locks
    .request(name, { signal: bid.signal }, async () => {
      leader = true;
      granted();
      try {
        if (!work.signal.aborted) await tenure(work.signal);
      } catch {
        // The tenure reports its own failures; whatever happened, the lock goes back.
      } finally {
        leader = false;
      }
    })
    .catch(() => {
      // Withdrawn before it was granted: nothing held, nothing to release.
    });
  return {
    acquired,
    ended,
    isLeader: () => leader,
    stop() {
      bid.abort();
      work.abort();
    },
  };
}
