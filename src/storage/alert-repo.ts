/**
 * The alert outbox and de-duplication keys. Enqueueing is one readwrite transaction over both stores, and
 * IndexedDB serialises overlapping readwrite transactions across tabs, so an event is queued once even when
 * every open tab evaluates the same compute result at the same moment.
 */
import type { IDBPDatabase } from 'idb';
import type { LiqLabDB, OutboxRecord } from './schema';

/** What an outbox record carries for the alerts feature. */
export interface AlertPayload {
  kind: 'spike' | 'touch' | 'test';
  /** Plain-text headline for the log and notifications. */
  title: string;
  /** Telegram HTML. */
  html: string;
  /** Bar time the alert is about (unix seconds). */
  time: number;
  /** Optional chart snapshot (PNG) sent with sendPhoto. */
  photo?: Blob | null;
}

/** An outbox record with an alert payload. */
export type AlertRecord = OutboxRecord & { payload: AlertPayload };

/** What enqueueing did. */
export type EnqueueResult = 'queued' | 'duplicate' | 'cooldown';

/** One alert to queue. */
export interface EnqueueRequest {
  key: string;
  cooldownKey: string;
  cooldownMs: number;
  nowMs: number;
  payload: AlertPayload;
  /** False when Telegram is off: remember the key (so it never repeats) but queue nothing to send. */
  outbox?: boolean;
}

/** How long de-duplication keys are kept: far longer than any event stays fresh. */
export const KEY_TTL_MS = 30 * 86_400_000;

/** Queues an alert unless its key was seen before or its cooldown bucket fired recently. */
export async function enqueueAlert(db: IDBPDatabase<LiqLabDB>, req: EnqueueRequest): Promise<EnqueueResult> {
  const tx = db.transaction(['alertKeys', 'outbox'], 'readwrite');
  const keys = tx.objectStore('alertKeys');
  const cool = `cool:${req.cooldownKey}`;
  const [seen, last] = await Promise.all([keys.get(req.key), keys.get(cool)]);
  let result: EnqueueResult;
  if (seen) result = 'duplicate';
  else if (last && req.nowMs - last.at < req.cooldownMs) {
    // Remember it as seen, so it does not fire late once the cooldown ends.
    await keys.put({ at: req.nowMs, suppressed: true }, req.key);
    result = 'cooldown';
  } else {
    await keys.put({ at: req.nowMs }, req.key);
    await keys.put({ at: req.nowMs }, cool);
    const record: AlertRecord = {
      id: req.key,
      createdAt: req.nowMs,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: req.nowMs,
      payload: req.payload,
    };
    if (req.outbox !== false) await tx.objectStore('outbox').put(record);
    result = 'queued';
  }
  await tx.done;
  return result;
}

/** Adds a record straight to the log (the test message, which is sent directly, not queued). */
export async function logAlert(db: IDBPDatabase<LiqLabDB>, record: AlertRecord): Promise<void> {
  await db.put('outbox', record);
}

/** The oldest pending record (FIFO: alerts go out in the order they happened), or null. */
export async function oldestPending(db: IDBPDatabase<LiqLabDB>): Promise<AlertRecord | null> {
  const pending = (await db.getAllFromIndex('outbox', 'byStatus', 'pending')) as AlertRecord[];
  pending.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return pending[0] ?? null;
}

/** What a claim attempt found. */
export type ClaimResult = { claimed: true } | { claimed: false; waitMs: number };

/**
 * Atomically takes a pending record for sending: it must still be pending, not claimed by another sender in the
 * last `claimMs`, and the last send by any sender must be `spacingMs` ago. One transaction, so two leaders
 * overlapping during a handover cannot both send it or send too close together.
 */
export async function claimAlert(
  db: IDBPDatabase<LiqLabDB>,
  id: string,
  nowMs: number,
  claimMs: number,
  spacingMs: number,
): Promise<ClaimResult> {
  const tx = db.transaction(['outbox', 'kv'], 'readwrite');
  const rec = await tx.objectStore('outbox').get(id);
  const last = await tx.objectStore('kv').get(LAST_SEND_KEY);
  let result: ClaimResult = { claimed: true };
  if (rec?.status !== 'pending') result = { claimed: false, waitMs: 0 };
  else if (rec.claimedAt !== undefined && nowMs - rec.claimedAt < claimMs) {
    result = { claimed: false, waitMs: rec.claimedAt + claimMs - nowMs };
  } else if (typeof last === 'number' && nowMs - last < spacingMs) {
    result = { claimed: false, waitMs: last + spacingMs - nowMs };
  } else {
    await tx.objectStore('outbox').put({ ...rec, attempts: rec.attempts + 1, claimedAt: nowMs });
    await tx.objectStore('kv').put(nowMs, LAST_SEND_KEY);
  }
  await tx.done;
  return result;
}

const LAST_SEND_KEY = 'alerts:lastSendAt';

/** Records that a send finished at `nowMs`: Telegram counts arrivals, and the request arrived before its answer. */
export async function markSendFinished(db: IDBPDatabase<LiqLabDB>, nowMs: number): Promise<void> {
  await db.put('kv', nowMs, LAST_SEND_KEY);
}

/** Applies `patch` to a record if it still exists. */
export async function updateAlert(
  db: IDBPDatabase<LiqLabDB>,
  id: string,
  patch: Partial<OutboxRecord>,
): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  const current = await tx.store.get(id);
  if (current) await tx.store.put({ ...current, ...patch });
  await tx.done;
}

/** The newest `limit` records, newest first (the alert log). */
export async function recentAlerts(db: IDBPDatabase<LiqLabDB>, limit = 100): Promise<AlertRecord[]> {
  const all = (await db.getAll('outbox')) as AlertRecord[];
  return all.sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
}

/** Drops delivered/failed records beyond the newest `keep`, and de-duplication keys past their TTL. */
export async function pruneAlerts(db: IDBPDatabase<LiqLabDB>, nowMs: number, keep = 300): Promise<void> {
  const done = (await db.getAll('outbox')).filter((r) => r.status !== 'pending');
  done.sort((a, b) => b.createdAt - a.createdAt);
  const tx = db.transaction(['outbox', 'alertKeys'], 'readwrite');
  for (const r of done.slice(keep)) await tx.objectStore('outbox').delete(r.id);
  let cursor = await tx.objectStore('alertKeys').openCursor();
  while (cursor) {
    if (nowMs - cursor.value.at > KEY_TTL_MS) await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
}
