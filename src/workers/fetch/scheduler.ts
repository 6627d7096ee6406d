/**
 * The budget-aware fetch loop. One request at a time; before each, it re-plans from stored coverage (so a reload
 * resumes from the archive), picks the highest tier (live > gap > backfill), batches up to 20 symbols of one
 * interval, and records the spend in the budget ledger before the request goes out. Answers are checked before
 * anything is stored. Time, fetch and randomness are injected for tests; `wake()` cuts a wait short (the browser
 * came back online).
 */
import type { IDBPDatabase } from 'idb';
import { CALLS_PER_MINUTE, MAX_SYMBOLS_PER_REQUEST } from '../../core/budget';
import {
  CONTEXT_PATHS,
  type ContextKind,
  type ContextSeriesSpec,
  isContextKind,
} from '../../core/context/series';
import {
  coverageStart,
  FETCH_INTERVALS,
  type FetchKind,
  type Job,
  nextDue,
  planSeries,
  TIER_RANK,
} from '../../core/fetch-plan';
import {
  checkedCandleRow,
  checkedLiqRow,
  checkedOiRow,
  checkedRateRow,
  checkHistory,
  MalformedHistory,
} from '../../core/history-check';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../../core/intervals';
import type { FetchStatus } from '../../core/notices';
import { writeContextRange } from '../../storage/context-repo';
import { readKv, writeKv } from '../../storage/kv-repo';
import type { LiqLabDB } from '../../storage/schema';
import { writeCandles, writeLiqRange } from '../../storage/series-repo';
import type { Clock } from '../clock';
import type { BudgetLedger } from './budget-ledger';
import type { CallResult } from './coinalyze-client';
import { SeriesHealth } from './series-health';
import { livePeriods, recentShares } from './shares';
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

const seriesKey = (kind: string, symbol: string, interval: string) => `${kind}|${symbol}|${interval}`;

/** The fetch loop for one leader. */
export class Scheduler {
  private backfilled = new Set<string>();
  private nextLive = new Map<string, number>();
  private periods = new Map<string, number>();
  private sharesAt = Number.NEGATIVE_INFINITY;
  private readonly health = new SeriesHealth();
  private readonly notes = new StatusNotes();
  private attempt = 0;
  private wakeCtl = new AbortController();
  private status: FetchStatus;
  private lastUpdate: number | null = null;
  /** Requests sent, by outcome, for tests and diagnostics. */
  readonly stats = { requests: 0, rateLimited: 0, retries: 0, unreachable: 0, malformed: 0 };

  constructor(private readonly deps: SchedulerDeps) {
    this.status = this.compose('live');
  }

  private get intervals(): readonly BaseInterval[] {
    return this.deps.intervals ?? FETCH_INTERVALS;
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
    return {
      state,
      callsUsed: this.deps.ledger.usedInLastMinute(now),
      callsBudget: CALLS_PER_MINUTE,
      backfill: this.progress(),
      lastUpdate: this.lastUpdate,
      message: this.notes.text(now, this.deps.ledger.bucket.pause, this.health.note(now)),
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
    this.backfilled = new Set(await readKv(this.deps.db, 'fetch:backfilled', []));
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
      await this.refreshShares(now);
      const { jobs: batch, dueAt } = await this.nextBatch(now);
      if (batch.length === 0) {
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
        this.emit();
        await this.nap(Math.min(IDLE_MS, Math.max(1, this.deps.ledger.waitFor(1 + reserve, now))), signal);
        continue;
      }
      const stop = await this.execute(batch.slice(0, Math.min(available, MAX_SYMBOLS_PER_REQUEST)), signal);
      if (stop) return stop;
    }
    return 'aborted';
  }

  private progress(): number | null {
    const total = (this.deps.contracts.length + this.deps.references.length) * this.intervals.length;
    const done = [...this.backfilled].filter((k) => this.isCurrent(k)).length;
    return done >= total ? null : done / total;
  }

  private isCurrent(key: string): boolean {
    const [kind, symbol] = key.split('|');
    // Backfill progress is about liquidations and candles; context series fill in behind them.
    if (kind !== 'liq' && kind !== 'candle') return false;
    return this.deps[kind === 'candle' ? 'references' : 'contracts'].includes(symbol ?? '');
  }

  private async refreshShares(now: number): Promise<void> {
    if (now - this.sharesAt < 10 * 60_000) return;
    this.sharesAt = now;
    // Fair between assets: each gets an equal part, shared within it by liquidations (BTC's dwarf the others').
    const groups = this.deps.contractsByAsset ?? [this.deps.contracts];
    const shares = new Map<string, number>();
    for (const group of groups)
      for (const [symbol, share] of await recentShares(this.deps.db, group, Math.floor(now / 1000)))
        shares.set(symbol, share / groups.length);
    this.periods = livePeriods(shares, this.deps.liveCallsPerMin ?? 24);
  }

  /** Jobs of the best tier and first interval that has jobs, in the order they should go. */
  private async nextBatch(now: number): Promise<{ jobs: Job[]; dueAt: number }> {
    const nowSec = Math.floor(now / 1000);
    const context = this.deps.context ?? [];
    const coverage = new Map(
      [
        ...(await this.deps.db.getAll('coverage')),
        ...(context.length ? await this.deps.db.getAll('ctxCoverage') : []),
      ].map((c) => [seriesKey(c.kind, c.symbol, c.interval), c.ranges]),
    );
    const live = (this.deps.liveCallsPerMin ?? 24) > 0;
    const jobs: Job[] = [];
    let dueAt = Number.POSITIVE_INFINITY;
    const consider = (kind: FetchKind, symbol: string, interval: BaseInterval) => {
      const key = seriesKey(kind, symbol, interval);
      const readyAt = this.health.readyAt(key);
      if (readyAt > now) {
        dueAt = Math.min(dueAt, readyAt);
        return;
      }
      const liveAt = this.nextLive.get(symbol) ?? 0;
      const ranges = coverage.get(key) ?? [];
      const state = { kind, symbol, interval, ranges, backfilled: this.backfilled.has(key) };
      const job = planSeries(state, nowSec, live && liveAt <= now);
      if (job && (live || job.tier !== 'live')) jobs.push(job);
      // Rounded up to whole seconds, so the loop never wakes just before the live time and finds nothing.
      else dueAt = Math.min(dueAt, nextDue(state, nowSec, live ? Math.ceil(liveAt / 1000) : null) * 1000);
    };
    for (const interval of this.intervals) {
      for (const symbol of this.deps.contracts) consider('liq', symbol, interval);
      for (const reference of this.deps.references) consider('candle', reference, interval);
    }
    for (const spec of context)
      for (const symbol of this.deps.contracts) consider(spec.kind, symbol, spec.interval);
    if (jobs.length === 0) return { jobs, dueAt };
    // Context series rank below every liquidation and candle job, whatever their tier; one kind per request.
    const specRank = (j: Job) => context.findIndex((c) => c.kind === j.kind && c.interval === j.interval);
    const rank = (j: Job) =>
      isContextKind(j.kind)
        ? 1000 + TIER_RANK[j.tier] * 100 + specRank(j)
        : TIER_RANK[j.tier] * 100 + this.intervals.indexOf(j.interval) * 2 + (j.kind === 'liq' ? 0 : 1);
    const best = Math.min(...jobs.map(rank));
    const order = jobs
      .filter((j) => rank(j) === best)
      .sort((a, b) => (this.nextLive.get(a.symbol) ?? 0) - (this.nextLive.get(b.symbol) ?? 0));
    return { jobs: order, dueAt: now };
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
      to: String(to),
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
    let present: string[];
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
      if (present.includes(j.symbol)) this.health.good(key);
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

  /** Writes the symbols the answer holds; returns them. Checks everything before writing anything. */
  private async store(
    batch: Job[],
    request: { symbols: string[]; step: number; from: number; to: number },
    body: unknown,
  ): Promise<string[]> {
    const head = batch[0];
    if (!head) return [];
    const nowSec = Math.floor(this.deps.clock.now() / 1000);
    const { db } = this.deps;
    const { from, to } = request;
    const liq = head.kind === 'liq' ? checkHistory(body, checkedLiqRow, request) : null;
    const candles = head.kind === 'candle' ? checkHistory(body, checkedCandleRow, request) : null;
    const ctxKind = isContextKind(head.kind) ? head.kind : null;
    const ctx = ctxKind
      ? checkHistory(body, ctxKind === 'oi' ? checkedOiRow : checkedRateRow, request)
      : null;
    const present: string[] = [];
    let revisedFrom = from;
    for (const job of batch) {
      const points = liq?.rows.get(job.symbol) ?? candles?.rows.get(job.symbol) ?? ctx?.rows.get(job.symbol);
      // Absent from the answer: its coverage stays as it was (absence is not "no liquidations").
      if (!points) continue;
      present.push(job.symbol);
      const start = coverageStart(job.interval, from, nowSec, points[0]?.t ?? null);
      if (liq) {
        const w = await writeLiqRange(
          db,
          job.symbol,
          job.interval,
          start,
          to,
          liq.rows.get(job.symbol) ?? [],
        );
        revisedFrom = Math.min(revisedFrom, w.revisedFrom);
      }
      if (candles)
        await writeCandles(db, job.symbol, job.interval, start, to, candles.rows.get(job.symbol) ?? []);
      if (ctx && ctxKind)
        await writeContextRange(
          db,
          ctxKind,
          job.symbol,
          job.interval,
          start,
          to,
          ctx.rows.get(job.symbol) ?? [],
        );
      const key = seriesKey(job.kind, job.symbol, job.interval);
      if (job.tier === 'backfill') this.backfilled.add(key);
      if (job.kind === 'liq' && job.interval === '1min') {
        this.nextLive.set(job.symbol, this.deps.clock.now() + (this.periods.get(job.symbol) ?? 60_000));
      }
    }
    if (head.tier === 'backfill') await writeKv(db, 'fetch:backfilled', [...this.backfilled]);
    if (present.length > 0 && (head.kind === 'liq' || head.kind === 'candle'))
      this.deps.onData({
        kind: head.kind,
        interval: head.interval,
        symbols: present,
        from: revisedFrom,
        to,
        exact: true,
      });
    else if (present.length > 0 && isContextKind(head.kind))
      this.deps.onContext?.({ kind: head.kind, interval: head.interval, symbols: present, from, to });
    return present;
  }
}
