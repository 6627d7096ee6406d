/**
 * The budget-aware fetch loop. One request at a time; before each, it re-plans from stored coverage (so a reload
 * resumes from the archive), picks the highest tier (live > gap > backfill), batches up to 20 symbols of one
 * interval, and spends tokens from a weighted bucket. Time, fetch and randomness are injected for tests.
 */
import type { IDBPDatabase } from 'idb';
import { MAX_SYMBOLS_PER_REQUEST, TokenBucket } from '../../core/budget';
import { candleRow, liqRow, MalformedResponse, parseHistory } from '../../core/coinalyze';
import { coverageStart, FETCH_INTERVALS, type Job, planSeries, TIER_RANK } from '../../core/fetch-plan';
import type { BaseInterval } from '../../core/intervals';
import type { FetchStatus } from '../../core/notices';
import { readKv, writeKv } from '../../storage/kv-repo';
import type { LiqLabDB } from '../../storage/schema';
import { writeCandles, writeLiqRange } from '../../storage/series-repo';
import type { CallResult } from './coinalyze-client';
import { livePeriods, recentShares } from './shares';

/** Time as the scheduler sees it (tests pass a virtual clock). */
export interface Clock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Everything the loop needs from outside. */
export interface SchedulerDeps {
  db: IDBPDatabase<LiqLabDB>;
  call: (path: string, params: Record<string, string>, signal: AbortSignal) => Promise<CallResult>;
  clock: Clock;
  random: () => number;
  isOnline: () => boolean;
  contracts: readonly string[];
  reference: string;
  onStatus: (status: FetchStatus) => void;
  onData: (change: { interval: BaseInterval; symbols: string[]; from: number; to: number }) => void;
  /** Budget for live 1min refreshes; 0 turns live polling off. */
  liveCallsPerMin?: number;
  intervals?: readonly BaseInterval[];
  /** Shared with market discovery so every call counts against one budget. */
  bucket?: TokenBucket;
}

/** Why the loop stopped. */
export type StopReason = 'aborted' | 'unauthorized' | 'storage-full';

const BACKFILLED_KEY = 'fetch:backfilled';
const IDLE_MS = 5_000;

const seriesKey = (kind: string, symbol: string, interval: string) => `${kind}|${symbol}|${interval}`;

/** The fetch loop for one leader. */
export class Scheduler {
  readonly bucket: TokenBucket;
  private backfilled = new Set<string>();
  private nextLive = new Map<string, number>();
  private periods = new Map<string, number>();
  private sharesAt = Number.NEGATIVE_INFINITY;
  private skipUntil = new Map<string, number>();
  private attempt = 0;
  private status: FetchStatus;
  /** Requests sent, by outcome, for tests and diagnostics. */
  readonly stats = { requests: 0, rateLimited: 0, retries: 0 };

  constructor(private readonly deps: SchedulerDeps) {
    this.bucket = deps.bucket ?? new TokenBucket();
    this.status = {
      state: 'live',
      callsUsed: 0,
      callsBudget: 40,
      backfill: null,
      lastUpdate: null,
      message: null,
    };
  }

  private get intervals(): readonly BaseInterval[] {
    return this.deps.intervals ?? FETCH_INTERVALS;
  }

  private emit(patch: Partial<FetchStatus>): void {
    const now = this.deps.clock.now();
    this.status = {
      ...this.status,
      ...patch,
      callsUsed: this.bucket.usedInLastMinute(now),
      backfill: this.progress(),
    };
    this.deps.onStatus(this.status);
  }

  /** Runs until aborted, the key is rejected, or storage is full. */
  async run(signal: AbortSignal): Promise<StopReason> {
    const { clock } = this.deps;
    this.backfilled = new Set(await readKv<string[]>(this.deps.db, BACKFILLED_KEY, []));
    while (!signal.aborted) {
      if (!this.deps.isOnline()) {
        this.emit({ state: 'offline', message: 'Offline: fetching resumes when the network is back.' });
        await clock.sleep(IDLE_MS, signal);
        continue;
      }
      const now = clock.now();
      await this.refreshShares(now);
      const batch = await this.nextBatch(now);
      if (batch.length === 0) {
        this.emit({ state: 'live' });
        await clock.sleep(IDLE_MS, signal);
        continue;
      }
      const available = Math.floor(this.bucket.available(now));
      if (available < 1) {
        this.emit({});
        await clock.sleep(this.bucket.waitFor(1, now), signal);
        continue;
      }
      const stop = await this.execute(batch.slice(0, Math.min(available, MAX_SYMBOLS_PER_REQUEST)), signal);
      if (stop) return stop;
    }
    return 'aborted';
  }

  private progress(): number | null {
    const total = (this.deps.contracts.length + 1) * this.intervals.length;
    const done = [...this.backfilled].filter((k) => this.isCurrent(k)).length;
    return done >= total ? null : done / total;
  }

  private isCurrent(key: string): boolean {
    const [kind, symbol] = key.split('|');
    return kind === 'candle' ? symbol === this.deps.reference : this.deps.contracts.includes(symbol ?? '');
  }

  private async refreshShares(now: number): Promise<void> {
    if (now - this.sharesAt < 10 * 60_000) return;
    this.sharesAt = now;
    const shares = await recentShares(this.deps.db, this.deps.contracts, Math.floor(now / 1000));
    this.periods = livePeriods(shares, this.deps.liveCallsPerMin ?? 24);
  }

  /** Jobs of the best tier and first interval that has jobs, in the order they should go. */
  private async nextBatch(now: number): Promise<Job[]> {
    const nowSec = Math.floor(now / 1000);
    const coverage = new Map(
      (await this.deps.db.getAll('coverage')).map((c) => [seriesKey(c.kind, c.symbol, c.interval), c.ranges]),
    );
    const live = (this.deps.liveCallsPerMin ?? 24) > 0;
    const jobs: Job[] = [];
    const consider = (kind: 'liq' | 'candle', symbol: string, interval: BaseInterval) => {
      const key = seriesKey(kind, symbol, interval);
      if ((this.skipUntil.get(key) ?? 0) > now) return;
      const liveDue = live && (this.nextLive.get(symbol) ?? 0) <= now;
      const ranges = coverage.get(key) ?? [];
      const job = planSeries(
        { kind, symbol, interval, ranges, backfilled: this.backfilled.has(key) },
        nowSec,
        liveDue,
      );
      if (job && (live || job.tier !== 'live')) jobs.push(job);
    };
    for (const interval of this.intervals) {
      for (const symbol of this.deps.contracts) consider('liq', symbol, interval);
      consider('candle', this.deps.reference, interval);
    }
    if (jobs.length === 0) return [];
    const rank = (j: Job) =>
      TIER_RANK[j.tier] * 100 + this.intervals.indexOf(j.interval) * 2 + (j.kind === 'liq' ? 0 : 1);
    const best = Math.min(...jobs.map(rank));
    return jobs
      .filter((j) => rank(j) === best)
      .sort((a, b) => (this.nextLive.get(a.symbol) ?? 0) - (this.nextLive.get(b.symbol) ?? 0));
  }

  private async execute(batch: Job[], signal: AbortSignal): Promise<StopReason | null> {
    const { clock } = this.deps;
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
    if (head.kind === 'liq') params.convert_to_usd = 'true';
    this.bucket.take(symbols.length, now);
    this.stats.requests++;
    const result = await this.deps.call(
      head.kind === 'liq' ? '/liquidation-history' : '/ohlcv-history',
      params,
      signal,
    );
    switch (result.kind) {
      case 'ok':
        try {
          await this.store(batch, from, to, result.body);
        } catch (e) {
          if (e instanceof MalformedResponse) return this.backoff('malformed response', signal);
          if (e instanceof DOMException && e.name === 'QuotaExceededError') {
            this.emit({
              state: 'error',
              message:
                'Storage is full: export the archive (Export CSV), prune old data or free disk space, then reload.',
            });
            return 'storage-full';
          }
          throw e;
        }
        this.attempt = 0;
        this.emit({
          state: 'live',
          lastUpdate: Math.floor(clock.now() / 1000),
          backfill: this.progress(),
          message: null,
        });
        return null;
      case 'rate-limited':
        this.stats.rateLimited++;
        this.bucket.exhaustUntil(now + result.retryAfterMs);
        this.emit({
          message: `Rate limited by Coinalyze: waiting ${Math.round(result.retryAfterMs / 1000)} s`,
        });
        return null;
      case 'unauthorized':
        this.emit({
          state: 'key-rejected',
          message: 'Coinalyze rejected the API key (401). Check it in Settings → Data.',
        });
        return 'unauthorized';
      case 'bad-request':
        for (const j of batch) this.skipUntil.set(seriesKey(j.kind, j.symbol, j.interval), now + 3_600_000);
        this.emit({ message: `Coinalyze refused a request (${result.message}); skipping it for an hour.` });
        return null;
      case 'retry':
        return this.backoff(result.reason, signal);
    }
  }

  private async backoff(reason: string, signal: AbortSignal): Promise<null> {
    this.stats.retries++;
    this.attempt++;
    const ms = Math.min(60_000, 1000 * 2 ** this.attempt) * (0.5 + 0.5 * this.deps.random());
    this.emit({ message: `Coinalyze: ${reason}; retrying in ${Math.round(ms / 1000)} s` });
    await this.deps.clock.sleep(ms, signal);
    return null;
  }

  private async store(batch: Job[], from: number, to: number, body: unknown): Promise<void> {
    const head = batch[0];
    if (!head) return;
    const nowSec = Math.floor(this.deps.clock.now() / 1000);
    const { db } = this.deps;
    // Parse everything before writing anything: a malformed body must not leave half a batch stored.
    const liq = head.kind === 'liq' ? parseHistory(body, liqRow) : null;
    const candles = head.kind === 'candle' ? parseHistory(body, candleRow) : null;
    for (const job of batch) {
      const points = liq?.get(job.symbol) ?? candles?.get(job.symbol) ?? [];
      const start = coverageStart(job.interval, from, nowSec, points[0]?.t ?? null);
      if (liq) await writeLiqRange(db, job.symbol, job.interval, start, to, liq.get(job.symbol) ?? []);
      if (candles) await writeCandles(db, job.symbol, job.interval, start, to, candles.get(job.symbol) ?? []);
      const key = seriesKey(job.kind, job.symbol, job.interval);
      if (job.tier === 'backfill') this.backfilled.add(key);
      if (job.kind === 'liq' && job.interval === '1min') {
        this.nextLive.set(job.symbol, this.deps.clock.now() + (this.periods.get(job.symbol) ?? 60_000));
      }
    }
    if (head.tier === 'backfill') await writeKv(db, BACKFILLED_KEY, [...this.backfilled]);
    this.deps.onData({ interval: head.interval, symbols: batch.map((j) => j.symbol), from, to });
  }
}
