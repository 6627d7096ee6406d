/** Test helpers for the alert delivery: a database with settings, polling (and the shared in-memory Web Locks). */
import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { DEFAULT_SETTINGS, type Settings } from '../../../../../src/core/settings';
import { writeKv } from '../../../../../src/storage/kv-repo';
import { openLiqLabDb } from '../../../../../src/storage/open';
import type { LiqLabDB } from '../../../../../src/storage/schema';

export { memoryLocks } from '../../../../helpers/memory-locks';

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
