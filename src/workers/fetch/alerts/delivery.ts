/**
 * The delivery loop of the leader tab: takes the oldest pending outbox record, keeps ≥ 1.1 s between messages
 * (Telegram allows about 1 message/s per chat), honours 429 `retry_after`, backs off on network errors, and
 * stops on permanent errors until the token or chat changes. Every decision is written to the outbox first,
 * so a reload, a crash or a change of leader loses nothing.
 */
import type { IDBPDatabase } from 'idb';
import { telegramFingerprint } from '../../../core/alerts/halt';
import { backoffMs } from '../../../core/alerts/telegram-result';
import { claimAlert, markSendFinished, oldestPending, updateAlert } from '../../../storage/alert-repo';
import { readKv, writeKv } from '../../../storage/kv-repo';
import type { LiqLabDB } from '../../../storage/schema';
import { readSettings } from '../../../storage/settings-repo';
import type { Clock } from '../../clock';
import { type FetchFn, sendAlert } from './telegram-client';

/** What the loop needs from its surroundings (real ones in the worker, fakes in tests). */
export interface DeliveryDeps {
  db: () => Promise<IDBPDatabase<LiqLabDB>>;
  fetch: FetchFn;
  clock: Clock;
  /** Tells pages the log changed. */
  changed: () => void;
  /** Minimum gap between two messages (ms). */
  spacingMs?: number;
  /** How often to look at the outbox when nobody kicks (ms). */
  pollMs?: number;
  /** A record claimed longer ago than this is assumed lost with its sender and is sent again (ms). */
  claimMs?: number;
}

/** One sender; `start` when this tab becomes leader, `stop` when it stops being leader. */
export class AlertDelivery {
  private running = false;
  private wake = new AbortController();
  private kicked = false;
  private pauseUntil = 0;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly spacing: number;
  private readonly poll: number;
  private readonly claim: number;

  constructor(private readonly deps: DeliveryDeps) {
    this.spacing = deps.spacingMs ?? 1100;
    // Queued alerts kick the loop; polling is only a safety net, so it can be slow (a tab left open should sleep).
    this.poll = deps.pollMs ?? 60_000;
    this.claim = deps.claimMs ?? 30_000;
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops after the message in flight, if any; resolves when the loop has ended. */
  stop(): Promise<void> {
    this.running = false;
    this.kick();
    return this.loopDone;
  }

  /** Looks at the outbox now (an alert was queued). */
  kick(): void {
    this.kicked = true;
    this.wake.abort();
    this.wake = new AbortController();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let wait: number;
      try {
        wait = await this.step();
      } catch {
        // IDB closed by an upgrade in another tab, or similar: look again shortly.
        wait = this.poll;
      }
      if (this.running && wait > 0) await this.sleep(wait);
    }
  }

  /** Waits `ms`, or less when kicked (a kick during the last step counts too, so none is lost). */
  private async sleep(ms: number): Promise<void> {
    if (!this.kicked) await this.deps.clock.sleep(ms, this.wake.signal);
    this.kicked = false;
  }

  /** Sends at most one record; returns how long to wait before the next step. */
  async step(): Promise<number> {
    const db = await this.deps.db();
    const { telegram: tg, alerts } = await readSettings(db);
    if (!alerts.telegram || !tg.botToken || !tg.chatId) return this.poll;
    const fingerprint = telegramFingerprint(tg.botToken, tg.chatId, tg.apiBaseUrl);
    const halt = await readKv(db, 'alerts:halt', null);
    if (halt && halt.fingerprint === fingerprint) return this.poll;
    const rec = await oldestPending(db);
    if (!rec) return this.poll;
    const now = this.deps.clock.now();
    const wait = Math.max(rec.nextAttemptAt - now, this.pauseUntil - now);
    if (wait > 0) return Math.min(wait, this.poll);
    const claim = await claimAlert(db, rec.id, now, this.claim, this.spacing);
    if (!claim.claimed) return Math.min(Math.max(claim.waitMs, 1), this.poll);
    const attempts = rec.attempts + 1;
    const outcome = await sendAlert(this.deps.fetch, tg, rec.payload);
    const after = this.deps.clock.now();
    await markSendFinished(db, after);
    if (outcome.kind === 'ok') {
      await updateAlert(db, rec.id, {
        status: 'sent',
        sentAt: after,
        error: undefined,
        claimedAt: undefined,
      });
    } else if (outcome.kind === 'retry') {
      const next = after + (outcome.afterMs ?? backoffMs(attempts));
      // Flood control is per bot and chat, not per message: hold everything until then.
      if (outcome.afterMs !== null) this.pauseUntil = next;
      await updateAlert(db, rec.id, { nextAttemptAt: next, error: outcome.reason, claimedAt: undefined });
    } else if (outcome.kind === 'halt') {
      await writeKv(db, 'alerts:halt', { reason: outcome.reason, fingerprint, at: after });
      await updateAlert(db, rec.id, { error: outcome.reason, claimedAt: undefined });
    } else {
      await updateAlert(db, rec.id, { status: 'failed', error: outcome.reason, claimedAt: undefined });
    }
    this.deps.changed();
    return 0;
  }
}
