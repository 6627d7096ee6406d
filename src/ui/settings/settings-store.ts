/** The page's settings access: the archive's settings repository, plus the notice that tells other tabs and workers. */
import type { Settings } from '../../core/settings';
import { broadcastBus } from '../../platform/notice-bus';
import { sharedDatabase } from '../../storage/connection';
import { ARCHIVE_DB } from '../../storage/db-names';
import { readSettings, writeSettings } from '../../storage/settings-repo';

const bus = broadcastBus();

/** Current settings (defaults for anything never saved). */
export async function loadSettings(): Promise<Settings> {
  return readSettings(await sharedDatabase(ARCHIVE_DB));
}

/** Saves settings and announces the change. */
export async function saveSettings(settings: Settings): Promise<void> {
  await writeSettings(await sharedDatabase(ARCHIVE_DB), settings);
  bus.post({ type: 'settings-changed' });
}
