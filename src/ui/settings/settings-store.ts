/** Loads and saves settings in the archive database and tells other tabs and workers they changed. */
import { NOTICE_CHANNEL, type Notice } from '../../core/notices';
import { mergeSettings, type Settings } from '../../core/settings';
import { readKv, writeKv } from '../../storage/kv-repo';
import { ARCHIVE_DB, openLiqLabDb } from '../../storage/open';

const KEY = 'settings';

/** Current settings (defaults for anything never saved). */
export async function loadSettings(): Promise<Settings> {
  const db = await openLiqLabDb(ARCHIVE_DB);
  try {
    return mergeSettings(await readKv<unknown>(db, KEY, null));
  } finally {
    db.close();
  }
}

/** Saves settings and announces the change. */
export async function saveSettings(settings: Settings): Promise<void> {
  const db = await openLiqLabDb(ARCHIVE_DB);
  try {
    await writeKv(db, KEY, settings);
  } finally {
    db.close();
  }
  const channel = new BroadcastChannel(NOTICE_CHANNEL);
  channel.postMessage({ type: 'settings-changed' } satisfies Notice);
  channel.close();
}
