/**
 * Opening the database safely across tabs: an older tab holding the database closes its connection when a
 * newer one needs to upgrade (blocking), and a newer tab waiting on an old one reports it (blocked).
 */
import { type IDBPDatabase, openDB } from 'idb';
import { ARCHIVE_DB } from './db-names';
import { MIGRATIONS, type Migration, schemaVersion } from './migrations';
import type { LiqLabDB } from './schema';

export { ARCHIVE_DB, DEMO_DB } from './db-names';

/** Callbacks for the situations a user should hear about. */
export interface OpenHooks {
  /** Another tab runs an older version and has not closed the database yet. */
  onBlocked?: () => void;
  /** A newer version wants to upgrade: this connection has been closed; the page should reload. */
  onVersionChange?: () => void;
}

/** Opens (and if needed upgrades) a LiqLab database. */
export function openLiqLabDb(
  name: string = ARCHIVE_DB,
  hooks: OpenHooks = {},
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<IDBPDatabase<LiqLabDB>> {
  const version = schemaVersion(migrations);
  return openDB<LiqLabDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      // openDB itself rejects when the upgrade aborts; this rejection would only be a duplicate.
      tx.done.catch(() => {});
      try {
        for (const m of migrations) {
          if (m.version > oldVersion && m.version <= (newVersion ?? version)) await m.run(db, tx);
        }
      } catch {
        // Abort the version change: the database stays at its old version with its data untouched,
        // and openDB rejects so the caller can tell the user.
        tx.abort();
      }
    },
    blocked() {
      hooks.onBlocked?.();
    },
    blocking(_current, _next, event) {
      // Let the newer tab upgrade; this tab's data stays safe on disk and it reloads into the new code.
      (event.target as IDBDatabase).close();
      hooks.onVersionChange?.();
    },
  });
}
