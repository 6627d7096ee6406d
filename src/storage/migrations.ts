/**
 * Numbered migrations. Migration k upgrades version k−1 to k; never edit a released one, append a new one.
 * Each runs inside the version-change transaction, so a failure rolls the whole upgrade back.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { buildGroups } from './liq-groups-build';
import { migrateToAssets } from './migrate-assets';
import type { LiqLabDB } from './schema';

type UpgradeTx = IDBPTransaction<LiqLabDB, StoreNames<LiqLabDB>[], 'versionchange'>;

/** One schema step. */
export interface Migration {
  version: number;
  description: string;
  run(db: IDBPDatabase<LiqLabDB>, tx: UpgradeTx): void | Promise<void>;
}

/** All migrations, in order; the last one's version is the schema version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'series chunks, coverage, markets, key-value settings',
    run(db) {
      db.createObjectStore('liqChunks', { keyPath: ['symbol', 'interval', 'start'] });
      db.createObjectStore('candleChunks', { keyPath: ['symbol', 'interval', 'start'] });
      db.createObjectStore('coverage', { keyPath: ['kind', 'symbol', 'interval'] });
      db.createObjectStore('markets', { keyPath: 'symbol' });
      db.createObjectStore('kv');
    },
  },
  {
    version: 2,
    description: 'alert outbox',
    run(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('byStatus', 'status');
    },
  },
  {
    version: 5,
    description: 'alert de-duplication and cooldown keys',
    run(db) {
      // Kept apart from the outbox so the log can be pruned without forgetting what was already alerted.
      db.createObjectStore('alertKeys');
    },
  },
  {
    version: 7,
    description: 'pre-summed liquidation series per contract group, built from the stored contract chunks',
    async run(db, tx) {
      db.createObjectStore('liqGroups', { keyPath: ['symbol', 'interval', 'start'] });
      db.createObjectStore('liqGroupMembers', { keyPath: ['group', 'interval'] });
      await buildGroups(tx);
    },
  },
  {
    version: 8,
    description:
      'budget ledger: every Coinalyze call, so a new leader (reload, handover) starts from what was spent',
    run(db) {
      db.createObjectStore('budget', { autoIncrement: true });
    },
  },
  {
    version: 9,
    description:
      'open interest and funding per contract (chunks and coverage), open interest summed per group',
    run(db) {
      // Nothing to carry over: earlier versions stored no context series.
      db.createObjectStore('ctxChunks', { keyPath: ['kind', 'symbol', 'interval', 'start'] });
      db.createObjectStore('ctxCoverage', { keyPath: ['kind', 'symbol', 'interval'] });
      db.createObjectStore('oiGroups', { keyPath: ['group', 'interval', 'start'] });
      db.createObjectStore('oiGroupMembers', { keyPath: ['group', 'interval'] });
    },
  },
  {
    version: 10,
    description:
      'one archive partition per base asset: group series and alert keys carry the asset, settings per asset; ' +
      'everything stored so far is BTC',
    async run(_db, tx) {
      await migrateToAssets(tx);
    },
  },
];

/** The schema version this build writes: the highest migration version (numbers may skip; order must rise). */
export const SCHEMA_VERSION = schemaVersion(MIGRATIONS);

/** Highest version in a migration list. */
export function schemaVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((v, m) => Math.max(v, m.version), 0);
}
