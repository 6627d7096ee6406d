/** What the status bar says about the data on screen, which is not always what the fetch loop says. */
import { DEFAULT_ASSET } from '../../core/assets';
import type { StatusInfo } from '../status/StatusBar';

/** What the status depends on besides the fetch loop's own status. */
export interface ShownContext {
  /** Imports into the archive seen this session (> 0: the archive is shown without a key). */
  imported: number;
  /** The asset on screen. */
  asset: string;
  /** Assets kept Live (empty until the settings are read). */
  liveAssets: readonly string[];
}

/**
 * The loop's status, or what is true of the chart instead: the demo's "last update" says nothing about imported
 * data or another asset; nothing is fetched without a key; with a key, an asset that is not kept Live shows its
 * stored data and is not fetched, so it is not "Live".
 */
export function shownStatus(status: StatusInfo, on: ShownContext): StatusInfo {
  if (status.source === 'Live') {
    const notLive = on.liveAssets.length > 0 && !on.liveAssets.includes(on.asset);
    return notLive
      ? {
          ...status,
          source: 'Stored',
          message: `${on.asset} is not kept Live: stored data (Settings → Assets)`,
        }
      : status;
  }
  if (status.source !== 'Demo') return status;
  if (on.imported > 0)
    return {
      ...status,
      source: 'Offline',
      lastUpdate: null,
      message: 'Showing imported data; not fetching without an API key',
    };
  if (on.asset !== DEFAULT_ASSET)
    return { ...status, source: 'Offline', lastUpdate: null, message: 'No API key: nothing is fetched' };
  return status;
}
