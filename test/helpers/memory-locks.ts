/** An in-memory Web Locks for tests: exclusive locks, one holder per name, waiters in order. */
import type { LockManagerLike } from '../../src/workers/leader';

/** Web Locks semantics for exclusive locks: one holder per name, waiters in order, abortable while waiting. */
export function memoryLocks(): LockManagerLike {
  const queues = new Map<string, Array<() => void>>();
  const held = new Set<string>();
  const grant = (name: string) => {
    const next = queues.get(name)?.shift();
    if (next) next();
  };
  return {
    request(name, { signal }, callback) {
      return new Promise<void>((resolve, reject) => {
        const run = () => {
          held.add(name);
          callback(null).then(
            () => {
              held.delete(name);
              resolve();
              grant(name);
            },
            (e: unknown) => {
              held.delete(name);
              reject(e);
              grant(name);
            },
          );
        };
        if (!held.has(name)) return run();
        const q = queues.get(name) ?? [];
        q.push(run);
        queues.set(name, q);
        signal?.addEventListener('abort', () => {
          const i = q.indexOf(run);
          if (i >= 0) {
            q.splice(i, 1);
            reject(new Error('AbortError'));
          }
        });
      });
    },
  };
}
