/** Loads and saves settings in the archive database and tells other tabs and workers they changed. */
import { NOTICE_CHANNEL, type Notice } from '../../core/notices';
import { mergeSettings, type Settings } from '../../core/settings';
import { sharedDatabase } from '../../storage/connection';
import { readKv, writeKv } from '../../storage/kv-repo';
import { ARCHIVE_DB } from '../../storage/open';

const KEY = 'settings';

/** Current settings (defaults for anything never saved). */
export async function loadSettings(): Promise<Settings> {
  return mergeSettings(await readKv<unknown>(await sharedDatabase(ARCHIVE_DB), KEY, null));
}

/** Saves settings and announces the change. */
export async function saveSettings(settings: Settings): Promise<void> {
  await writeKv(await sharedDatabase(ARCHIVE_DB), KEY, settings);
  const channel = new BroadcastChannel(NOTICE_CHANNEL);
  channel.postMessage({ type: 'settings-changed' } satisfies Notice);
  channel.close();
}
