/**
 * The budget-aware fetch loop. One request at a time; before each, the job planner (job-planner.ts) picks the
 * highest tier (live > gap > backfill) from coverage and batches up to 20 symbols of one interval; the spend is
 * recorded in the budget ledger before the request goes out, and the answer is checked and stored whole or not at
 * all (answer-store.ts). Time, fetch and randomness are injected for tests; `wake()` cuts a wait short (the
 * browser came back online, or another context changed the archive).
 */
import type { IDBPDatabase } from 'idb';
import { CALLS_PER_MINUTE, MAX_SYMBOLS_PER_REQUEST } from '../../core/budget';
import {
  CONTEXT_PATHS,
  type ContextKind,
  type ContextSeriesSpec,
  isContextKind,
} from '../../core/context/series';
import { FETCH_INTERVALS, type Job } from '../../core/fetch-plan';
import { MalformedHistory } from '../../core/history-check';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../../core/intervals';
import type { FetchStatus, Notice } from '../../core/notices';
import type { LiqLabDB } from '../../storage/schema';
import type { Clock } from '../clock';
import { storeAnswer } from './answer-store';
import { backfillShare, CompletionEstimate } from './backfill-progress';
import type { BudgetLedger } from './budget-ledger';
import type { CallResult } from './coinalyze-client';
import { JobPlanner, seriesKey } from './job-planner';
import { SeriesHealth } from './series-health';
import { StatusNotes } from './status-notes';

/** A change the loop stored: `kind` series of `symbols` at `interval` over [from, to). */
export interface StoredChange {
  kind: 'liq' | 'candle';
  interval: BaseInterval;
  symbols: string[];
  from: number;
  to: number;
  /** `from` includes every stored value the write changed (see `DataChanged.exact`). */
  exact: boolean;
}

/** Everything the loop needs from outside. */
export interface SchedulerDeps {
  db: IDBPDatabase<LiqLabDB>;
  call: (path: string, params: Record<string, string>, signal: AbortSignal) => Promise<CallResult>;
  clock: Clock;
  random: () => number;
  isOnline: () => boolean;
  /** Contracts whose liquidations (and open interest and funding) are fetched: every Live asset's. */
  contracts: readonly string[];
  /**
   * The contracts of each Live asset: live refreshes are shared equally between assets, then by liquidation share
   * within each (all contracts as one asset when left out).
   */
  contractsByAsset?: readonly (readonly string[])[];
  /** Markets whose candles are fetched, one per Live asset. */
  references: readonly string[];
  /** Every call counts here, shared with market discovery. */
  ledger: BudgetLedger;
  onStatus: (status: FetchStatus) => void;
  onData: (change: StoredChange) => void;
  /** Budget for live 1min refreshes; 0 turns live polling off. */
  liveCallsPerMin?: number;
  intervals?: readonly BaseInterval[];
  /**
   * Open interest and funding series fetched per contract, below every liquidation and candle job (none when
   * left out; the leader passes CONTEXT_SERIES).
   */
  context?: readonly ContextSeriesSpec[];
  /** Called after open interest or funding was stored (liquidations and candles go to `onData`). */
  onContext?: (change: {
    kind: ContextKind;
    interval: BaseInterval;
    symbols: string[];
    from: number;
    to: number;
  }) => void;
  /** Called at every turn of the loop, so a watchdog can tell a stuck loop from a waiting one. */
  heartbeat?: () => void;
}

/** Why the loop stopped. */
export type StopReason = 'aborted' | 'unauthorized' | 'storage-full';

const IDLE_MS = 5_000;
/** Calls per minute that open interest and funding requests leave free for liquidations and candles. */
export const CONTEXT_RESERVE = 10;
/** Longest idle sleep: nothing is due, so the loop wakes only to beat the watchdog and to re-check. */
const MAX_IDLE_MS = 60_000;
/** Longest wait between two attempts while the network is down: the first request after it returns goes within this. */
const OFFLINE_PROBE_MS = 8_000;

/** The fetch loop for one leader. */
export class Scheduler {
  private readonly health = new SeriesHealth();
  private readonly planner: JobPlanner;
  private readonly notes = new StatusNotes();
  private readonly completion: CompletionEstimate;
  private readonly contextCompletion: CompletionEstimate;
  private attempt = 0;
  private wakeCtl = new AbortController();
  private status: FetchStatus;
  private lastUpdate: number | null = null;
  /** Requests sent, by outcome, for tests and diagnostics. */
  readonly stats = { requests: 0, rateLimited: 0, retries: 0, unreachable: 0, malformed: 0 };

  constructor(private readonly deps: SchedulerDeps) {
    const { capacity, windowMs } = deps.ledger.bucket;
    this.completion = new CompletionEstimate(capacity, windowMs / 1000);
    // A context request goes only while CONTEXT_RESERVE calls stay free in the window.
    this.contextCompletion = new CompletionEstimate(capacity - CONTEXT_RESERVE, windowMs / 1000);
    this.planner = new JobPlanner({
      db: deps.db,
      contracts: deps.contracts,
      contractsByAsset: deps.contractsByAsset,
      references: deps.references,
      intervals: deps.intervals ?? FETCH_INTERVALS,
      context: deps.context ?? [],
      liveCallsPerMin: deps.liveCallsPerMin ?? 24,
      health: this.health,
    });
    this.status = this.compose('live');
  }

  /**
   * Takes a notice from the bus: a change of the archive this loop did not make (an import, a deletion) makes it
   * read coverage again and look for work at once.
   */
  heard(n: Notice): void {
    if (this.planner.heard(n)) this.wake();
  }

  /** Cuts the current wait short (connectivity came back, or new work arrived). */
  wake(): void {
    this.wakeCtl.abort();
    this.wakeCtl = new AbortController();
  }

  private nap(ms: number, signal: AbortSignal): Promise<void> {
    return this.deps.clock.sleep(ms, AbortSignal.any([signal, this.wakeCtl.signal]));
  }

  private compose(state: FetchStatus['state']): FetchStatus {
    const now = this.deps.clock.now();
    const intervals = this.planner.intervalProgress();
    const context = this.planner.contextProgress();
    const free = this.deps.ledger.available(now);
    return {
      state,
      callsUsed: this.deps.ledger.usedInLastMinute(now),
      callsBudget: CALLS_PER_MINUTE,
      backfill: backfillShare(intervals),
      lastUpdate: this.lastUpdate,
      message: this.notes.text(now, this.deps.ledger.bucket.pause, this.health.note(now)),
      intervals,
      completeAt: this.completion.update(intervals, now, free),
      contextBackfill: context,
      // Context series go after the rows: their time is only known once those are done.
      contextCompleteAt: intervals
        ? null
        : this.contextCompletion.update(context && [context], now, free - CONTEXT_RESERVE),
    };
  }

  /**
   * Reports the status when anything in it changed. Without an explicit state, the source label follows the
   * network note: Offline while it stands (also while waiting for budget), back to Live once it is cleared.
   */
  private emit(state?: FetchStatus['state']): void {
    const kept = this.status.state;
    const derived = this.notes.has('network') ? 'offline' : kept === 'offline' ? 'live' : kept;
    const next = this.compose(state ?? (kept === 'live' || kept === 'offline' ? derived : kept));
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    this.deps.onStatus(next);
  }

  /** Runs until aborted, the key is rejected, or storage is full. Anything else thrown is a failure of the loop. */
  async run(signal: AbortSignal): Promise<StopReason> {
    const { clock } = this.deps;
    await this.planner.load();
    this.deps.onStatus(this.status);
    while (!signal.aborted) {
      this.deps.heartbeat?.();
      // The browser's word is a hint, not a gate: a worker's navigator.onLine can stay false after the network is
      // back, so requests go on as probes (a failed one costs no budget and is retried within OFFLINE_PROBE_MS).
      if (!this.deps.isOnline())
        this.notes.set(
          'network',
          'Offline: the browser reports no network; checking again every few seconds.',
        );
      const now = clock.now();
      const { jobs: batch, dueAt } = await this.planner.next(now);
      if (batch.length === 0) {
        this.planner.checkOpen();
        this.emit();
        // Sleep until something falls due or the status bar's call count drops, not on a fixed poll: a tab
        // left open for hours should wake the device as little as possible.
        const cap = this.notes.has('network') ? OFFLINE_PROBE_MS : MAX_IDLE_MS;
        const until = Math.min(dueAt, this.deps.ledger.bucket.usageChangesAt(now), now + cap);
        await this.nap(Math.max(250, until - now), signal);
        continue;
      }
      // Open interest and funding leave calls free for liquidations and candles: a live refresh, or a tab taking
      // over, never waits a minute behind a context backfill that filled the window.
      const reserve = isContextKind(batch[0]?.kind ?? 'liq') ? CONTEXT_RESERVE : 0;
      const available = Math.floor(this.deps.ledger.available(now)) - reserve;
      if (available < 1) {
        this.planner.checkOpen();
        this.emit();
        await this.nap(Math.min(IDLE_MS, Math.max(1, this.deps.ledger.waitFor(1 + reserve, now))), signal);
        continue;
      }
      const stop = await this.execute(batch.slice(0, Math.min(available, MAX_SYMBOLS_PER_REQUEST)), signal);
      if (stop) return stop;
    }
    return 'aborted';
  }

  private async execute(batch: Job[], signal: AbortSignal): Promise<StopReason | null> {
    const { clock, ledger } = this.deps;
    const head = batch[0];
    if (!head) return null;
    const now = clock.now();
    const symbols = batch.map((j) => j.symbol);
    const from = Math.min(...batch.map((j) => j.from));
    const to = Math.max(...batch.map((j) => j.to));
    const params: Record<string, string> = {
      symbols: symbols.join(','),
      interval: head.interval,
      from: String(from),
      // The API's `to` is inclusive: asking up to `to` itself brings the bucket starting there, which lies outside
      // [from, to) and would make a bounded answer (a hole, history before the stored start) malformed.
      to: String(to - 1),
    };
    if (head.kind === 'liq' || head.kind === 'oi') params.convert_to_usd = 'true';
    const spend = await ledger.spend(symbols.length, now);
    this.stats.requests++;
    const path = isContextKind(head.kind)
      ? CONTEXT_PATHS[head.kind]
      : head.kind === 'liq'
        ? '/liquidation-history'
        : '/ohlcv-history';
    const result = await this.deps.call(path, params, signal);
    if (result.kind !== 'unreachable') this.notes.clear('network');
    switch (result.kind) {
      case 'ok':
        return this.stored(batch, from, to, result.body);
      case 'malformed':
        return this.malformed(batch, new MalformedHistory(result.reason, symbols));
      case 'rate-limited':
        this.stats.rateLimited++;
        await ledger.pauseUntil(now + result.retryAfterMs);
        this.emit();
        return null;
      case 'unauthorized':
        this.notes.set('key', 'Coinalyze rejected the API key (401). Check it in Settings → Data.');
        this.emit('key-rejected');
        return 'unauthorized';
      case 'bad-request':
        for (const j of batch)
          this.health.refused(
            seriesKey(j.kind, j.symbol, j.interval),
            `Coinalyze refused it (${result.message})`,
            now,
          );
        this.emit();
        return null;
      case 'unreachable':
        // It never reached the server, so it cost nothing there: give the budget back, and probe again soon.
        this.stats.unreachable++;
        await ledger.refund(spend);
        return this.backoff(
          'network',
          `Offline: no answer from the API (${result.reason})`,
          OFFLINE_PROBE_MS,
          signal,
        );
      case 'retry':
        this.stats.retries++;
        return this.backoff('server', `Coinalyze: ${result.reason}`, 60_000, signal);
    }
  }

  private async backoff(cause: string, what: string, capMs: number, signal: AbortSignal): Promise<null> {
    this.attempt++;
    const ms = Math.min(capMs, 1000 * 2 ** this.attempt) * (0.5 + 0.5 * this.deps.random());
    this.notes.set(cause, `${what}; retrying in ${Math.round(ms / 1000)} s`);
    this.emit();
    await this.nap(ms, signal);
    return null;
  }

  /** Checks and stores an answer; a malformed one stores nothing and counts against the series at fault. */
  private async stored(batch: Job[], from: number, to: number, body: unknown): Promise<StopReason | null> {
    const head = batch[0];
    if (!head) return null;
    const request = {
      symbols: batch.map((j) => j.symbol),
      step: BASE_INTERVAL_SECONDS[head.interval],
      from,
      to,
    };
    let present: Job[];
    try {
      present = await this.store(batch, request, body);
    } catch (e) {
      if (e instanceof MalformedHistory) return this.malformed(batch, e);
      if (e instanceof DOMException && e.name === 'QuotaExceededError') {
        this.notes.set(
          'storage',
          'Storage is full: export the archive (Export CSV), delete stored data (Settings → Data) or free disk space.',
        );
        this.emit('error');
        return 'storage-full';
      }
      throw e;
    }
    this.attempt = 0;
    this.notes.clear('server');
    const now = this.deps.clock.now();
    for (const j of batch) {
      const key = seriesKey(j.kind, j.symbol, j.interval);
      if (present.includes(j)) this.health.good(key);
      else this.health.bad(key, 'the answer left it out', now);
    }
    this.lastUpdate = Math.floor(now / 1000);
    this.emit('live');
    return null;
  }

  private malformed(batch: Job[], e: MalformedHistory): null {
    this.stats.malformed++;
    const now = this.deps.clock.now();
    for (const j of batch)
      if (e.symbols.includes(j.symbol))
        this.health.bad(seriesKey(j.kind, j.symbol, j.interval), e.message, now);
    this.emit();
    return null;
  }

  /** Stores the answer (all of it in one transaction), then updates the plan's state and announces the change. */
  private async store(
    batch: Job[],
    request: { symbols: string[]; step: number; from: number; to: number },
    body: unknown,
  ): Promise<Job[]> {
    const head = batch[0];
    if (!head) return [];
    const now = this.deps.clock.now();
    const answer = await storeAnswer(this.deps.db, batch, request, body, Math.floor(now / 1000));
    let newlyBackfilled = false;
    answer.present.forEach((job, i) => {
      if (this.planner.stored(job, answer.ranges[i] ?? [], now)) newlyBackfilled = true;
    });
    if (newlyBackfilled) await this.planner.saveBackfilled();
    if (answer.present.length === 0) return [];
    const change = {
      interval: head.interval,
      symbols: answer.present.map((j) => j.symbol),
      to: request.to,
    };
    if (head.kind === 'liq' || head.kind === 'candle') {
      const stored = { ...change, kind: head.kind, from: answer.revisedFrom, exact: true };
      this.planner.announcing(stored);
      this.deps.onData(stored);
    } else {
      const stored = { ...change, kind: head.kind, from: request.from };
      this.planner.announcing(stored);
      this.deps.onContext?.(stored);
    }
    return answer.present;
  }
}
