/**
 * One open connection per database per context (page or worker), opened on first use and kept: opening IndexedDB
 * costs a round trip, and settings are read on every analysis. Dropped when another tab's upgrade closes it, or
 * when opening failed, so the next call opens afresh.
 *
 * The code that opens (idb and every migration) is imported on that first use: the page's entry reaches this
 * module, and its first paint on the demo never opens a database.
 */
import type { IDBPDatabase } from 'idb';
import type { LiqLabDB } from './schema';

const open = new Map<string, Promise<IDBPDatabase<LiqLabDB>>>();

/** The shared connection to database `name`. */
export function sharedDatabase(name: string): Promise<IDBPDatabase<LiqLabDB>> {
  let db = open.get(name);
  if (!db) {
    db = import('./open').then((m) => m.openLiqLabDb(name, { onVersionChange: () => open.delete(name) }));
    db.catch(() => open.delete(name));
    open.set(name, db);
  }
  return db;
}
