/** Settings → Data, "Delete stored data": count and delete in the archive, then announce it like an import does. */
import {
  countStored,
  type DeleteCount,
  type DeleteSelection,
  deleteStored,
} from '../../storage/delete-range';
import { database } from '../db-cache';

/** Stored-data calls of the fetch worker (the worker that writes the archive). */
export interface StoredDataApi {
  /** How many points `storedDelete` with this selection would remove (reads coverage only). */
  storedCount(selection: DeleteSelection): Promise<DeleteCount>;
  /**
   * Deletes the selection in one transaction (all or nothing) and posts a `data-changed` notice per interval, so
   * open charts refresh; returns what it removed.
   */
  storedDelete(selection: DeleteSelection): Promise<DeleteCount>;
}

/** The implementation, on the archive database. */
export const storedDataApi: StoredDataApi = {
  async storedCount(selection) {
    return countStored(await database('archive'), selection);
  },
  async storedDelete(selection) {
    const { count, spans } = await deleteStored(await database('archive'), selection);
    // The same notice a CSV import posts (csv-api.ts): charts and other tabs re-read the changed spans.
    const channel = new BroadcastChannel('liqlab');
    for (const s of spans)
      channel.postMessage({
        type: 'data-changed',
        db: 'archive',
        interval: s.interval,
        symbols: s.symbols,
        from: s.from,
        to: s.to,
      });
    channel.close();
    return count;
  },
};
