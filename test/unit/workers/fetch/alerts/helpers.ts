/** Test helpers for the alert delivery: an in-memory Web Locks, a database with settings, polling. */
import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { DEFAULT_SETTINGS, type Settings } from '../../../../../src/core/settings';
import { writeKv } from '../../../../../src/storage/kv-repo';
import { openLiqLabDb } from '../../../../../src/storage/open';
import type { LiqLabDB } from '../../../../../src/storage/schema';
import type { LockManagerLike } from '../../../../../src/workers/leader';

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

let dbCount = 0;

/** A fresh archive database with Telegram settings pointing at `apiBaseUrl`. */
export async function dbWithSettings(
  apiBaseUrl: string,
  telegram: Partial<Settings['telegram']> = {},
): Promise<IDBPDatabase<LiqLabDB>> {
  const db = await openLiqLabDb(`alerts-test-${process.pid}-${dbCount++}`);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    telegram: { botToken: '123456:TEST-fake-token', chatId: '4242', apiBaseUrl, ...telegram },
    alerts: { ...DEFAULT_SETTINGS.alerts, enabled: true },
  };
  await writeKv(db, 'settings', settings);
  return db;
}

/** Polls `cond` every 20 ms until it holds or `ms` pass. */
export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
