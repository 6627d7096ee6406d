/**
 * The data engine of one tab's fetch worker: bids for leadership (Web Locks) and, while it leads, runs a
 * LeaderSession (fetch, alerts, delivery). Any end of a tenure releases the lock; a failed one bids again after a
 * jittered backoff, so another tab takes over at once and this one queues behind it. Settings saves that leave
 * the fetch configuration alone reach the running session instead of restarting it.
 */
import type { IDBPDatabase } from 'idb';
import { CALLS_PER_MINUTE } from '../../core/budget';
import type { ContextSeriesSpec } from '../../core/context/series';
import type { BaseInterval } from '../../core/intervals';
import type { FetchStatus } from '../../core/notices';
import { fetchFingerprint } from '../../core/settings';
import type { NoticeBus } from '../../platform/notice-bus';
import type { LiqLabDB } from '../../storage/schema';
import { readSettings } from '../../storage/settings-repo';
import type { Clock } from '../clock';
import { holdLeadership, type Leadership, type LockManagerLike } from '../leader';
import type { PipelineHooks } from './alerts/pipeline';
import type { FetchFn as TelegramFetch } from './alerts/telegram-client';
import type { FetchFn } from './coinalyze-client';
import { LeaderSession, type TenureEnd } from './leader-session';

/** What the engine needs from its surroundings (a worker, or a test). */
export interface EngineDeps {
  /** The archive; called again for every tenure, so a connection closed by another tab's upgrade is reopened. */
  db: () => Promise<IDBPDatabase<LiqLabDB>>;
  locks: LockManagerLike;
  fetch: FetchFn;
  telegramFetch?: TelegramFetch;
  origin: string;
  /** Link target of alert messages. */
  appUrl?: string;
  clock: Clock;
  random: () => number;
  isOnline: () => boolean;
  bus: NoticeBus;
  liveCallsPerMin?: number;
  intervals?: readonly BaseInterval[];
  /** Open interest and funding series to fetch (the session's default when left out). */
  context?: readonly ContextSeriesSpec[];
  lockName?: string;
  alerts?: PipelineHooks;
  /** Test hook passed to each session (see SessionDeps.onTurn). */
  onTurn?: () => void;
}

const NO_KEY = 'No Coinalyze API key: showing demo data.';

/** One tab's engine. */
export class FetchEngine {
  private leadership: Leadership | null = null;
  private session: LeaderSession | null = null;
  private fingerprint: string | null = null;
  private generation = 0;
  private failures = 0;
  private waiting = new AbortController();
  private status: FetchStatus = {
    state: 'idle',
    callsUsed: 0,
    callsBudget: CALLS_PER_MINUTE,
    backfill: null,
    lastUpdate: null,
    message: NO_KEY,
  };
  /** Tenures this engine has run, for tests. */
  readonly tenures: TenureEnd[] = [];

  constructor(private readonly deps: EngineDeps) {}

  /** The last status this engine reported. */
  get lastStatus(): FetchStatus {
    return this.status;
  }

  /** The running tenure's scheduler (tests read its stats). */
  get scheduler() {
    return this.session?.scheduler ?? null;
  }

  /** The running tenure's alert pipeline. */
  get pipeline() {
    return this.session?.pipeline ?? null;
  }

  /** True while this tab is the fetcher. */
  isLeader(): boolean {
    return this.leadership?.isLeader() ?? false;
  }

  /** Posts the current status again (a page that just opened asked for it). */
  repostStatus(): void {
    this.deps.bus.post({ type: 'status', status: this.status });
  }

  /**
   * Follows the bus as a worker's engine does: a settings save (any tab) re-reads settings, and a page asking
   * where things stand (`status-request`) is answered. Returns the unsubscribe function.
   */
  listen(): () => void {
    return this.deps.bus.subscribe((n) => {
      if (n.type === 'settings-changed') void this.start();
      else if (n.type === 'status-request') this.statusRequested();
    });
  }

  /**
   * A page asked for the status. The leader answers; so does an engine whose key Coinalyze rejected, since then no
   * tab leads (a page that saved that key heard the rejection before it knew to listen, and would wait forever).
   */
  statusRequested(): void {
    if (this.isLeader() || this.status.state === 'key-rejected') this.repostStatus();
  }

  /** Cuts the leader's waits short: the browser says it is online again. */
  wake(): void {
    this.session?.wake();
  }

  /**
   * Starts from the stored settings, or applies changed ones: a new key, base URL, contract set or candle market
   * restarts fetching; anything else goes to the running session as it is. Without a key it stays idle.
   */
  async start(): Promise<void> {
    const settings = await readSettings(await this.deps.db());
    const fingerprint = settings.coinalyze.apiKey ? fetchFingerprint(settings) : null;
    if (fingerprint !== null && fingerprint === this.fingerprint) {
      this.session?.settingsChanged(settings);
      return;
    }
    this.stop();
    this.fingerprint = fingerprint;
    if (fingerprint === null) {
      this.report({ state: 'idle', message: NO_KEY, backfill: null, intervals: null, completeAt: null });
      return;
    }
    this.failures = 0;
    this.bid(++this.generation);
  }

  /** Gives up fetching (tab closing, key removed): another tab may take over. */
  stop(): void {
    this.generation++;
    this.fingerprint = null;
    this.waiting.abort();
    this.waiting = new AbortController();
    this.leadership?.stop();
    this.leadership = null;
    this.session = null;
  }

  private report(patch: Partial<FetchStatus>): void {
    this.status = { ...this.status, ...patch };
    this.deps.bus.post({ type: 'status', status: this.status });
  }

  private bid(generation: number): void {
    this.leadership = holdLeadership(
      this.deps.locks,
      async (signal) => {
        const end = await this.tenure(signal);
        this.tenures.push(end);
        if (generation === this.generation) void this.afterTenure(end, generation);
      },
      this.deps.lockName,
    );
  }

  private async tenure(signal: AbortSignal): Promise<TenureEnd> {
    let db: IDBPDatabase<LiqLabDB>;
    try {
      db = await this.deps.db();
    } catch (e) {
      if (e instanceof DOMException && e.name === 'VersionError') {
        // A newer LiqLab in another tab upgraded the archive: this tab's code is out of date; that tab fetches.
        this.report({
          state: 'error',
          message: 'A newer LiqLab upgraded the archive in another tab: reload this tab.',
        });
        return 'outdated';
      }
      this.report({ state: 'error', message: `Fetching stopped: the archive did not open (${String(e)})` });
      return 'failed';
    }
    // Settings are read per tenure: another tab may have saved them while this one waited for the lock.
    const settings = await readSettings(db);
    if (!settings.coinalyze.apiKey || fetchFingerprint(settings) !== this.fingerprint) return 'stopped';
    const session = new LeaderSession({
      db,
      settings,
      fetch: this.deps.fetch,
      telegramFetch: this.deps.telegramFetch ?? ((input, init) => fetch(input, init)),
      origin: this.deps.origin,
      appUrl: this.deps.appUrl ?? this.deps.origin,
      clock: this.deps.clock,
      random: this.deps.random,
      isOnline: this.deps.isOnline,
      bus: this.deps.bus,
      report: (patch) => this.report(patch),
      liveCallsPerMin: this.deps.liveCallsPerMin,
      intervals: this.deps.intervals,
      context: this.deps.context,
      alerts: this.deps.alerts,
      onTurn: this.deps.onTurn,
    });
    this.session = session;
    try {
      return await session.run(signal);
    } finally {
      if (this.session === session) this.session = null;
    }
  }

  /** After a tenure ended by itself: bid again after a pause (not after a rejected key: that waits for new settings). */
  private async afterTenure(end: TenureEnd, generation: number): Promise<void> {
    if (end === 'stopped' || end === 'unauthorized' || end === 'outdated') return;
    this.failures = end === 'failed' ? this.failures + 1 : 0;
    const base = end === 'storage-full' ? 5 * 60_000 : Math.min(60_000, 2_000 * 2 ** (this.failures - 1));
    const ms = base * (0.5 + 0.5 * this.deps.random());
    // The lock is released when this tenure's callback returns; wait outside it, then queue up again.
    await this.deps.clock.sleep(ms, this.waiting.signal);
    if (generation === this.generation) this.bid(generation);
  }
}
