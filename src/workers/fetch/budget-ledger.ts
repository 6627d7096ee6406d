/**
 * The leader's budget: the in-memory token bucket mirrored to the IndexedDB ledger. A call is recorded before
 * its request goes out, a 429's Retry-After is stored before anything else happens, and a new leader loads both,
 * so the 40-per-minute promise holds across reloads, settings saves, tab handovers and crashes.
 */
import type { IDBPDatabase } from 'idb';
import { TokenBucket } from '../../core/budget';
import { callsSince, readPause, recordCall, refundCall, writePause } from '../../storage/budget-repo';
import type { LiqLabDB } from '../../storage/schema';

/** A recorded spend, to refund if the request never reached the server. */
export interface Spend {
  id: number;
  at: number;
  weight: number;
}

/** Token bucket + ledger for one leader tenure. */
export class BudgetLedger {
  private constructor(
    private readonly db: IDBPDatabase<LiqLabDB>,
    readonly bucket: TokenBucket,
  ) {}

  /** A ledger starting from what the database says was spent in the last window. */
  static async load(
    db: IDBPDatabase<LiqLabDB>,
    now: number,
    bucket = new TokenBucket(),
  ): Promise<BudgetLedger> {
    const spent = await callsSince(db, now - bucket.windowMs);
    bucket.restore(spent, await readPause(db));
    return new BudgetLedger(db, bucket);
  }

  /** Tokens free now. */
  available(now: number): number {
    return this.bucket.available(now);
  }

  /** Milliseconds until `weight` tokens are free. */
  waitFor(weight: number, now: number): number {
    return this.bucket.waitFor(weight, now);
  }

  /** Symbol-calls sent in the last 60 s. */
  usedInLastMinute(now: number): number {
    return this.bucket.usedInLastMinute(now);
  }

  /** Records `weight` calls at `now` (in IndexedDB first), before the request goes out. */
  async spend(weight: number, now: number): Promise<Spend> {
    const id = await recordCall(this.db, { at: now, weight });
    this.bucket.take(weight, now);
    return { id, at: now, weight };
  }

  /** Gives a spend back: its request failed before reaching the server. */
  async refund(spend: Spend): Promise<void> {
    this.bucket.refund(spend.at, spend.weight);
    await refundCall(this.db, spend.id);
  }

  /** Nothing goes out before `until` (a 429's Retry-After), for this leader and the next. */
  async pauseUntil(until: number): Promise<void> {
    this.bucket.pauseUntil(until);
    await writePause(this.db, this.bucket.pause);
  }
}
