/**
 * The leader's alert pipeline: archive change notices → analyzers (per Live asset × alert timeframe × contract
 * filter) → that asset's rules → de-duplicated enqueue in the outbox → delivery. It runs only in the worker that
 * holds the leader lock, so a tab that does not lead never evaluates alerts, and nothing depends on what any page
 * shows.
 * Notices are coalesced: a burst of stored batches is analysed once.
 */
import type { IDBPDatabase } from 'idb';
import { alertMessage } from '../../../core/alerts/message';
import { planAlerts } from '../../../core/alerts/plan';
import type { AlertCandidate } from '../../../core/alerts/rules';
import type { Notice } from '../../../core/notices';
import { alertSettingsFor, type Settings } from '../../../core/settings';
import type { NoticeBus } from '../../../platform/notice-bus';
import { type EnqueueResult, enqueueAlert } from '../../../storage/alert-repo';
import type { LiqLabDB } from '../../../storage/schema';
import type { Clock } from '../../clock';
import type { ChangedSpan } from '../../compute/frame-cache';
import { AlertAnalyzers, type TargetResult } from './analyzers';

/** Optional extras the worker provides (tests leave them out). */
export interface PipelineHooks {
  /** A PNG of the chart around a spike, for "Attach chart snapshot". */
  snapshot?: (result: TargetResult, candidate: AlertCandidate) => Promise<Blob | null>;
  /** A browser notification, when the user allowed them. */
  notify?: (title: string, body: string, tag: string) => void;
  /** Minutes east of UTC as Date#getTimezoneOffset reports them (quiet hours are local). */
  tzOffsetMin?: () => number;
}

/** What the pipeline needs. */
export interface PipelineDeps extends PipelineHooks {
  db: () => Promise<IDBPDatabase<LiqLabDB>>;
  clock: Clock;
  bus: NoticeBus;
  appUrl: string;
  /** Something was queued: deliver now. */
  queued: () => void;
  /** Wait after a notice before analysing, so a burst of writes is analysed once. */
  coalesceMs?: number;
}

/** One leader's alert evaluation. */
export class AlertPipeline {
  private readonly analyzers: AlertAnalyzers;
  private settings: Settings;
  /** Spans changed since the last evaluation; null when everything must be re-read. */
  private pending: ChangedSpan[] | null = [];
  private dirty = false;
  private running: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly stop = new AbortController();
  /** Enqueue outcomes, for tests and diagnostics. */
  readonly stats = { evaluations: 0, queued: 0, duplicates: 0, cooldown: 0 };

  constructor(
    private readonly deps: PipelineDeps,
    settings: Settings,
  ) {
    this.settings = settings;
    this.analyzers = new AlertAnalyzers(deps.db);
    this.analyzers.configure(settings);
  }

  /** Subscribes to archive changes and analyses what is stored now. */
  start(): void {
    this.unsubscribe = this.deps.bus.subscribe((n) => this.onNotice(n));
    this.request(null);
  }

  /** Stops listening; an evaluation in flight finishes, nothing new starts. */
  async close(): Promise<void> {
    this.stop.abort();
    this.unsubscribe?.();
    await this.running;
  }

  /** New settings with the same fetch configuration: rules, parameters or delivery changed. */
  settingsChanged(settings: Settings): void {
    this.settings = settings;
    this.analyzers.configure(settings);
    this.request(null);
  }

  /** Resolves once every change noticed so far has been evaluated. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private onNotice(n: Notice): void {
    if (n.type === 'data-changed' && n.db === 'archive') {
      // Everything the notice says: a frame skips what it cannot show and re-reads only from the change.
      const { from, to, kind, interval, symbols, exact } = n;
      this.request([{ from, to, kind, interval, symbols, exact }]);
    } else if (
      n.type === 'context-changed' &&
      n.db === 'archive' &&
      n.kind === 'oi' &&
      this.analyzers.readsOi
    ) {
      // Scored in bp of open interest: a new OI bucket can give a bar its score (the frame caches ignore it).
      const { from, to, kind, interval, symbols } = n;
      this.request([{ from, to, kind, interval, symbols }]);
    }
  }

  /** Records changes (null: unknown, re-read all) and makes sure an evaluation will see them. */
  private request(changes: ChangedSpan[] | null): void {
    if (!this.analyzers.active || this.stop.signal.aborted) return;
    if (changes === null) this.pending = null;
    else this.pending?.push(...changes);
    this.dirty = true;
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    while (this.dirty && !this.stop.signal.aborted) {
      await this.deps.clock.sleep(this.deps.coalesceMs ?? 100, this.stop.signal);
      const changes = this.pending;
      this.pending = [];
      this.dirty = false;
      await this.evaluate(changes);
    }
  }

  private async evaluate(changes: ChangedSpan[] | null): Promise<void> {
    this.stats.evaluations++;
    const now = this.deps.clock.now();
    const results = await this.analyzers.update(changes, Math.floor(now / 1000));
    const tz = this.deps.tzOffsetMin?.() ?? 0;
    let queued = false;
    for (const r of results) {
      const rules = alertSettingsFor(this.settings, r.target.asset);
      for (const c of planAlerts(r.input, rules, now, tz)) {
        const outcome = await this.enqueue(r, c, now);
        if (outcome === 'queued') queued = true;
      }
    }
    if (queued) {
      this.deps.queued();
      this.deps.bus.post({ type: 'alerts-changed' });
    }
  }

  private async enqueue(r: TargetResult, c: AlertCandidate, nowMs: number): Promise<EnqueueResult> {
    const db = await this.deps.db();
    // Most candidates were alerted on an earlier pass: skip the message and snapshot work for them.
    if (await db.get('alertKeys', c.key)) {
      this.stats.duplicates++;
      return 'duplicate';
    }
    const rules = this.settings.alerts;
    const msg = alertMessage(c, this.deps.appUrl);
    const photo =
      rules.snapshot && rules.telegram && c.kind === 'spike'
        ? ((await this.deps.snapshot?.(r, c)) ?? null)
        : null;
    const result = await enqueueAlert(db, {
      key: c.key,
      cooldownKey: c.cooldownKey,
      cooldownMs: c.cooldownMs,
      nowMs,
      payload: { kind: c.kind, title: msg.title, html: msg.html, time: msg.time, photo },
      outbox: rules.telegram,
    });
    if (result === 'queued') {
      this.stats.queued++;
      if (rules.browser) this.deps.notify?.(msg.title, msg.body, c.key);
    } else if (result === 'cooldown') this.stats.cooldown++;
    else this.stats.duplicates++;
    return result;
  }
}
