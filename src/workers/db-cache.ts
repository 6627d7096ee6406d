/** One open connection per database per worker, opened on first use. */
import type { IDBPDatabase } from 'idb';
import { ARCHIVE_DB, DEMO_DB, openLiqLabDb } from '../storage/open';
import type { LiqLabDB } from '../storage/schema';
import type { DataSource } from './compute/api';

const open = new Map<DataSource, Promise<IDBPDatabase<LiqLabDB>>>();

/** The connection for `source`; reopened if another tab's upgrade closed it. */
export function database(source: DataSource): Promise<IDBPDatabase<LiqLabDB>> {
  let db = open.get(source);
  if (!db) {
    db = openLiqLabDb(source === 'demo' ? DEMO_DB : ARCHIVE_DB, {
      onVersionChange: () => open.delete(source),
    });
    open.set(source, db);
  }
  return db;
}
