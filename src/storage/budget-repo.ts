/**
 * The budget ledger in IndexedDB: one record per Coinalyze request, written before the request goes out, and
 * the Retry-After deadline of the last 429. A new leader reads both, so a reload or a tab handover never
 * starts with a full bucket while the server's window still holds the last minute's calls.
 */
import type { IDBPDatabase } from 'idb';
import { readKv, writeKv } from './kv-repo';
import type { BudgetEntry, LiqLabDB } from './schema';

/** Entries older than this are never needed again (the server's window is one minute). */
export const LEDGER_KEEP_MS = 5 * 60_000;

/** A ledger entry with its key (for a refund). */
export interface LedgerEntry extends BudgetEntry {
  id: number;
}

/** Records a request's cost; returns the entry's key. Old entries are pruned in the same transaction. */
export async function recordCall(db: IDBPDatabase<LiqLabDB>, entry: BudgetEntry): Promise<number> {
  const tx = db.transaction('budget', 'readwrite');
  const id = await tx.store.add(entry);
  // Keys grow with insertion, so the oldest entries come first.
  let cursor = await tx.store.openCursor();
  while (cursor && cursor.value.at < entry.at - LEDGER_KEEP_MS) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
  return id;
}

/** Removes an entry: the request never reached the server (a network error before any answer). */
export async function refundCall(db: IDBPDatabase<LiqLabDB>, id: number): Promise<void> {
  await db.delete('budget', id);
}

/** Entries spent after `since` (ms), oldest first. */
export async function callsSince(db: IDBPDatabase<LiqLabDB>, since: number): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  let cursor = await db.transaction('budget').store.openCursor();
  while (cursor) {
    if (cursor.value.at > since) out.push({ id: cursor.key, ...cursor.value });
    cursor = await cursor.continue();
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The Retry-After deadline of the last 429 (ms; 0 when none). */
export function readPause(db: IDBPDatabase<LiqLabDB>): Promise<number> {
  return readKv(db, 'budget:pausedUntil', 0);
}

/** Stores the Retry-After deadline before the next leader could start. */
export function writePause(db: IDBPDatabase<LiqLabDB>, until: number): Promise<void> {
  return writeKv(db, 'budget:pausedUntil', until);
}
