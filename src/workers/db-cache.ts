/** The worker's connection to the database a request names. */
import type { IDBPDatabase } from 'idb';
import { sharedDatabase } from '../storage/connection';
import { ARCHIVE_DB, DEMO_DB } from '../storage/open';
import type { LiqLabDB } from '../storage/schema';
import type { DataSource } from './compute/api';

/** The connection for `source`; reopened if another tab's upgrade closed it. */
export function database(source: DataSource): Promise<IDBPDatabase<LiqLabDB>> {
  return sharedDatabase(source === 'demo' ? DEMO_DB : ARCHIVE_DB);
}
