/**
 * One leader tenure, start to end: the pipeline fetch → archive → analyzers → alert planner → outbox → delivery.
 * It loads the budget ledger (so the new leader starts from what was spent), refreshes the market list, then runs
 * the scheduler, the alert pipeline and the delivery loop together until it is stopped or something fails. A
 * watchdog ends a tenure whose loop stopped turning. The engine releases the lock when `run` returns.
 */
import type { IDBPDatabase } from 'idb';
import { fnv1a } from '../../core/alerts/halt';
import { CONTEXT_SERIES, type ContextSeriesSpec } from '../../core/context/series';
import type { BaseInterval } from '../../core/intervals';
import type { FetchStatus } from '../../core/notices';
import type { Settings } from '../../core/settings';
import type { NoticeBus } from '../../platform/notice-bus';
import { readKv, writeKv } from '../../storage/kv-repo';
import type { LiqLabDB } from '../../storage/schema';
import type { Clock } from '../clock';
import { AlertDelivery } from './alerts/delivery';
import { AlertPipeline, type PipelineHooks } from './alerts/pipeline';
import type { FetchFn as TelegramFetch } from './alerts/telegram-client';
import { BudgetLedger } from './budget-ledger';
import { type CallResult, callCoinalyze, type FetchFn } from './coinalyze-client';
import { liveAssets } from './live-assets';
import { ensureMarkets } from './markets';
import { Scheduler } from './scheduler';

/** How a tenure ended ('outdated': a newer build upgraded the archive, so this tab must reload). */
export type TenureEnd = 'stopped' | 'failed' | 'unauthorized' | 'storage-full' | 'outdated';

/** A loop that has not turned for this long is stuck (the longest wait inside it is about a minute). */
export const WATCHDOG_MS = 3 * 60_000;
/** Delay of the alert pipeline's first (full) analysis after a tenure starts. */
export const FIRST_ANALYSIS_DELAY_MS = 2_000;
/** A key Coinalyze refused is not tried again by any tab for this long, unless it changes. */
export const REJECTED_KEY_MS = 10 * 60_000;

/** What a tenure needs from the engine. */
export interface SessionDeps {
  db: IDBPDatabase<LiqLabDB>;
  settings: Settings;
  fetch: FetchFn;
  telegramFetch: TelegramFetch;
  origin: string;
  appUrl: string;
  clock: Clock;
  random: () => number;
  isOnline: () => boolean;
  bus: NoticeBus;
  /** Updates the status every tab shows (fields not given keep their last value). */
  report: (patch: Partial<FetchStatus>) => void;
  liveCallsPerMin?: number;
  intervals?: readonly BaseInterval[];
  /** Open interest and funding series to fetch (CONTEXT_SERIES unless a test narrows it). */
  context?: readonly ContextSeriesSpec[];
  alerts?: PipelineHooks;
  /** Test hook: runs at every turn of the fetch loop (a test makes it throw to crash the leader). */
  onTurn?: () => void;
}

/** One leader's running pipeline. */
export class LeaderSession {
  scheduler: Scheduler | null = null;
  pipeline: AlertPipeline | null = null;
  private delivery: AlertDelivery | null = null;
  private lastBeat = 0;

  constructor(private readonly deps: SessionDeps) {}

  /** Cuts waits short (the browser came back online). */
  wake(): void {
    this.scheduler?.wake();
  }

  /** Settings changed without touching what is fetched: alert rules, analysis parameters, Telegram. */
  settingsChanged(settings: Settings): void {
    this.pipeline?.settingsChanged(settings);
    this.delivery?.kick();
  }

  /** Runs the tenure until `signal` aborts or something fails; never throws. */
  async run(signal: AbortSignal): Promise<TenureEnd> {
    const { db, clock, settings } = this.deps;
    const keyPrint = fnv1a(settings.coinalyze.apiKey);
    const work = new AbortController();
    const stopWork = () => work.abort();
    signal.addEventListener('abort', stopWork, { once: true });
    let unsubscribe = () => {};
    try {
      const rejected = await readKv(db, 'fetch:rejectedKey', null);
      if (rejected?.fingerprint === keyPrint && clock.now() - rejected.at < REJECTED_KEY_MS)
        return this.rejected();
      const ledger = await BudgetLedger.load(db, clock.now());
      const call = (path: string, params: Record<string, string>, s: AbortSignal): Promise<CallResult> =>
        callCoinalyze(
          {
            baseUrl: settings.coinalyze.apiBaseUrl,
            apiKey: settings.coinalyze.apiKey,
            fetch: this.deps.fetch,
            timeoutMs: 30_000,
            origin: this.deps.origin,
          },
          path,
          params,
          s,
        );
      this.beat();
      const watchdog = this.watchdog(work.signal);
      const note = (message: string | null) => {
        this.beat();
        this.deps.report({ state: 'live', callsUsed: ledger.usedInLastMinute(clock.now()), message });
      };
      const markets = await Promise.race([
        ensureMarkets(
          { db, call, clock, ledger, note, changed: () => this.deps.bus.post({ type: 'markets-changed' }) },
          work.signal,
        ),
        watchdog,
      ]);
      if (markets === 'unauthorized') return this.reject(keyPrint);
      if (work.signal.aborted) return 'stopped';
      const plan = liveAssets(settings, await db.getAll('markets'), clock.now());
      this.startAlerts(work.signal);
      const scheduler = new Scheduler({
        db,
        call,
        clock,
        ledger,
        contracts: plan.contracts,
        contractsByAsset: plan.byAsset,
        random: this.deps.random,
        isOnline: this.deps.isOnline,
        references: plan.references,
        onStatus: (s) => this.deps.report(s),
        onData: (c) => this.deps.bus.post({ type: 'data-changed', db: 'archive', ...c }),
        onContext: (c) => this.deps.bus.post({ type: 'context-changed', db: 'archive', ...c }),
        liveCallsPerMin: this.deps.liveCallsPerMin,
        intervals: this.deps.intervals,
        context: this.deps.context ?? CONTEXT_SERIES,
        heartbeat: () => {
          this.beat();
          this.deps.onTurn?.();
        },
      });
      this.scheduler = scheduler;
      // Imports and deletions in any tab change coverage behind the loop's back: it hears of them here.
      unsubscribe = this.deps.bus.subscribe((n) => scheduler.heard(n));
      const end = await Promise.race([scheduler.run(work.signal), watchdog]);
      if (end === 'unauthorized') return this.reject(keyPrint);
      if (end === 'storage-full') return 'storage-full';
      return signal.aborted ? 'stopped' : 'failed';
    } catch (e) {
      if (signal.aborted) return 'stopped';
      this.deps.report({ state: 'error', message: `Fetching stopped: ${describe(e)}; restarting` });
      return 'failed';
    } finally {
      unsubscribe();
      signal.removeEventListener('abort', stopWork);
      work.abort();
      // The lock goes back now; the alert side winds down after (an evaluation in flight may still enqueue, which
      // the outbox de-duplicates, and a send in flight is covered by its claim).
      void this.stopAlerts();
    }
  }

  private startAlerts(signal: AbortSignal): void {
    const { db, clock, bus } = this.deps;
    this.delivery = new AlertDelivery({
      db: async () => db,
      fetch: this.deps.telegramFetch,
      clock,
      changed: () => bus.post({ type: 'alerts-changed' }),
    });
    this.pipeline = new AlertPipeline(
      {
        db: async () => db,
        clock,
        bus,
        appUrl: this.deps.appUrl,
        queued: () => this.delivery?.kick(),
        ...this.deps.alerts,
      },
      this.deps.settings,
    );
    if (signal.aborted) return;
    this.delivery.start();
    // The first full analysis of every alert timeframe is CPU work in this worker: let the fetch loop send its first
    // request before it (a new leader should be seen fetching within seconds).
    void this.deps.clock.sleep(FIRST_ANALYSIS_DELAY_MS, signal).then(() => {
      if (!signal.aborted) this.pipeline?.start();
    });
  }

  private async stopAlerts(): Promise<void> {
    await Promise.all([this.pipeline?.close(), this.delivery?.stop()]);
  }

  private beat(): void {
    this.lastBeat = this.deps.clock.now();
  }

  /** Rejects (ending the tenure as failed) when the loop has not turned for WATCHDOG_MS. */
  private async watchdog(signal: AbortSignal): Promise<never> {
    for (;;) {
      await this.deps.clock.sleep(30_000, signal);
      if (signal.aborted) return new Promise<never>(() => {});
      if (this.deps.clock.now() - this.lastBeat > WATCHDOG_MS)
        throw new Error(`the fetch loop made no progress for ${WATCHDOG_MS / 60_000} min`);
    }
  }

  private async reject(keyPrint: string): Promise<TenureEnd> {
    await writeKv(this.deps.db, 'fetch:rejectedKey', { fingerprint: keyPrint, at: this.deps.clock.now() });
    return this.rejected();
  }

  private rejected(): TenureEnd {
    this.deps.report({
      state: 'key-rejected',
      message: 'Coinalyze rejected the API key (401). Check it in Settings → Data.',
    });
    return 'unauthorized';
  }
}

function describe(e: unknown): string {
  if (e instanceof DOMException) return `${e.name}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
