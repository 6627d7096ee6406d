/**
 * The one place settings are read and written: merged over defaults on read (old saves stay valid), checked
 * before they are written (nothing half-valid is stored). Announcing a save is the caller's job (the page posts
 * `settings-changed` on the notice bus), since storage does not talk to other tabs.
 */
import type { IDBPDatabase } from 'idb';
import { mergeSettings, type Settings, settingsProblems } from '../core/settings';
import { readKv, writeKv } from './kv-repo';
import type { LiqLabDB } from './schema';

/** Settings that may not be saved, with every reason. */
export class InvalidSettings extends Error {
  constructor(readonly problems: string[]) {
    super(`Settings not saved: ${problems.join('; ')}`);
  }
}

/** Current settings (defaults for anything never saved, or saved with another type). */
export async function readSettings(db: IDBPDatabase<LiqLabDB>): Promise<Settings> {
  return mergeSettings(await readKv(db, 'settings', null));
}

/** Checks and stores `settings` whole; throws InvalidSettings and stores nothing when a field is invalid. */
export async function writeSettings(db: IDBPDatabase<LiqLabDB>, settings: Settings): Promise<void> {
  const problems = settingsProblems(settings);
  if (problems.length > 0) throw new InvalidSettings(problems);
  await writeKv(db, 'settings', settings);
}

/** Reads, lets `change` derive the new settings, and writes them (validated). Returns what was written. */
export async function updateSettings(
  db: IDBPDatabase<LiqLabDB>,
  change: (current: Settings) => Settings,
): Promise<Settings> {
  const next = change(await readSettings(db));
  await writeSettings(db, next);
  return next;
}
