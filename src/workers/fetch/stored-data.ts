/** Settings → Data, "Delete stored data": count and delete in the archive, then announce it like an import does. */

import { broadcastBus, type NoticeBus } from '../../platform/notice-bus';
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
   * Deletes the selection in one transaction (all or nothing) and posts a `data-changed` (liquidations, candles)
   * or `context-changed` (open interest, funding) notice per kind and interval, so open charts refresh; returns what
   * it removed.
   */
  storedDelete(selection: DeleteSelection): Promise<DeleteCount>;
}

/** The implementation on the archive database, announcing on `bus`. */
export function createStoredDataApi(bus: NoticeBus = broadcastBus()): StoredDataApi {
  return {
    async storedCount(selection) {
      return countStored(await database('archive'), selection);
    },
    async storedDelete(selection) {
      const { count, spans } = await deleteStored(await database('archive'), selection);
      // As an import announces its writes: charts in every tab re-read the changed spans.
      for (const { kind, ...s } of spans)
        if (kind === 'liq' || kind === 'candle')
          bus.post({ type: 'data-changed', db: 'archive', kind, ...s });
        else bus.post({ type: 'context-changed', db: 'archive', kind, ...s });
      return count;
    },
  };
}
