/**
 * The data engine of one tab's fetch worker: bids for leadership (Web Locks); the leader discovers markets and runs
 * the scheduler, everyone else only hears notices. Closing the leading tab releases the lock, so the next tab's
 * engine takes over at once and resumes from the stored coverage.
 */
import type { IDBPDatabase } from 'idb';
import { TokenBucket } from '../../core/budget';
import { EXCHANGES_KEY, parseExchanges, parseMarkets, selectContracts } from '../../core/coinalyze';
import type { BaseInterval } from '../../core/intervals';
import type { FetchStatus, Notice } from '../../core/notices';
import { mergeSettings, type Settings } from '../../core/settings';
import { readKv, writeKv } from '../../storage/kv-repo';
import type { LiqLabDB } from '../../storage/schema';
import { bidForLeadership, type Leadership, type LockManagerLike } from '../leader';
import { type CallResult, callCoinalyze, type FetchFn } from './coinalyze-client';
import { type Clock, Scheduler } from './scheduler';

/** Market list older than this is refreshed. */
const MARKETS_TTL_MS = 6 * 3_600_000;
const MARKETS_AT = 'markets:fetchedAt';

/** What the engine needs from its surroundings (a worker, or a test). */
export interface EngineDeps {
  db: IDBPDatabase<LiqLabDB>;
  locks: LockManagerLike;
  fetch: FetchFn;
  origin: string;
  clock: Clock;
  random: () => number;
  isOnline: () => boolean;
  post: (notice: Notice) => void;
  liveCallsPerMin?: number;
  intervals?: readonly BaseInterval[];
  lockName?: string;
}

/** One tab's engine. */
export class FetchEngine {
  private leadership: Leadership | null = null;
  private status: FetchStatus = idleStatus('No Coinalyze API key: showing demo data.');
  /** The running scheduler while this tab leads (tests read its stats). */
  scheduler: Scheduler | null = null;

  constructor(private readonly deps: EngineDeps) {}

  /** The last status this engine reported. */
  get lastStatus(): FetchStatus {
    return this.status;
  }

  /** True while this tab is the fetcher. */
  isLeader(): boolean {
    return this.leadership?.isLeader() ?? false;
  }

  /** (Re)starts from the stored settings; without a key it stays idle. */
  async start(): Promise<void> {
    this.stop();
    const settings = mergeSettings(await readKv<unknown>(this.deps.db, 'settings', null));
    if (!settings.coinalyze.apiKey) {
      this.report(idleStatus('No Coinalyze API key: showing demo data.'));
      return;
    }
    this.leadership = bidForLeadership(
      this.deps.locks,
      () => {
        const abort = new AbortController();
        void this.lead(settings, abort.signal).catch((e: unknown) => {
          if (!abort.signal.aborted)
            this.report({ ...this.status, state: 'error', message: `Fetching stopped: ${String(e)}` });
        });
        return () => abort.abort();
      },
      this.deps.lockName,
    );
  }

  /** Gives up fetching (tab closing, key removed): another tab may take over. */
  stop(): void {
    this.leadership?.stop();
    this.leadership = null;
    this.scheduler = null;
  }

  private report(status: FetchStatus): void {
    this.status = status;
    this.deps.post({ type: 'status', status });
  }

  private call(settings: Settings) {
    return (path: string, params: Record<string, string>, signal: AbortSignal): Promise<CallResult> =>
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
        signal,
      );
  }

  /** Exchange names for the toolbar, cached with the markets; on failure the UI falls back to codes. */
  private async fetchExchangeNames(
    call: ReturnType<FetchEngine['call']>,
    bucket: TokenBucket,
    signal: AbortSignal,
  ): Promise<void> {
    bucket.take(1, this.deps.clock.now());
    const r = await call('/exchanges', {}, signal);
    if (r.kind !== 'ok') return;
    try {
      await writeKv(this.deps.db, EXCHANGES_KEY, parseExchanges(r.body));
    } catch {
      // A malformed list is not worth retrying before the next market refresh.
    }
  }

  private async lead(settings: Settings, signal: AbortSignal): Promise<void> {
    const { db, clock } = this.deps;
    const call = this.call(settings);
    const bucket = new TokenBucket();
    const fetchedAt = await readKv<number>(db, MARKETS_AT, 0);
    if (clock.now() - fetchedAt > MARKETS_TTL_MS || (await db.count('markets')) === 0) {
      for (;;) {
        if (signal.aborted) return;
        bucket.take(1, clock.now());
        const r = await call('/future-markets', {}, signal);
        if (r.kind === 'ok') {
          const markets = parseMarkets(r.body);
          const tx = db.transaction('markets', 'readwrite');
          // Put, never clear: expired futures keep their row and their stored history.
          for (const m of markets) void tx.store.put(m);
          await tx.done;
          await this.fetchExchangeNames(call, bucket, signal);
          await writeKv(db, MARKETS_AT, clock.now());
          break;
        }
        if (r.kind === 'unauthorized') {
          this.report({
            ...this.status,
            state: 'key-rejected',
            message: 'Coinalyze rejected the API key (401). Check it in Settings → Data.',
          });
          return;
        }
        this.report({
          ...this.status,
          state: 'error',
          message: `Market list: ${r.kind === 'bad-request' ? r.message : r.kind}; retrying`,
        });
        await clock.sleep(r.kind === 'rate-limited' ? r.retryAfterMs : 15_000, signal);
      }
    }
    const contracts = selectContracts(
      await db.getAll('markets'),
      settings.coinalyze.contracts,
      clock.now(),
    ).map((m) => m.symbol);
    const scheduler = new Scheduler({
      db,
      call,
      clock,
      bucket,
      contracts,
      random: this.deps.random,
      isOnline: this.deps.isOnline,
      reference: settings.coinalyze.reference,
      onStatus: (s) => this.report(s),
      onData: (c) => this.deps.post({ type: 'data-changed', db: 'archive', ...c }),
      liveCallsPerMin: this.deps.liveCallsPerMin,
      intervals: this.deps.intervals,
    });
    this.scheduler = scheduler;
    await scheduler.run(signal);
  }
}

function idleStatus(message: string): FetchStatus {
  return { state: 'idle', callsUsed: 0, callsBudget: 40, backfill: null, lastUpdate: null, message };
}
