/**
 * Job planning for the fetch loop: what the next request asks for, decided from stored coverage (so a reload
 * resumes from the archive). Coverage is read once and then kept in memory between turns: the loop's own writes
 * update it with the ranges they stored, and any other change of the archive (a CSV import, Delete stored data, a
 * write of an earlier leader) is heard as a notice the loop did not post, after which it is read again.
 */
import type { IDBPDatabase } from 'idb';
import { type ContextSeriesSpec, isContextKind } from '../../core/context/series';
import {
  dueAfterNone,
  type FetchKind,
  type Job,
  planSeries,
  requestStart,
  TIER_RANK,
} from '../../core/fetch-plan';
import type { BaseInterval } from '../../core/intervals';
import type { IntervalBackfill, Notice, SeriesCount } from '../../core/notices';
import type { Range } from '../../core/ranges';
import { readKv, writeKv } from '../../storage/kv-repo';
import type { LiqLabDB } from '../../storage/schema';
import { backfillShare, contextProgress, intervalProgress } from './backfill-progress';
import type { SeriesHealth } from './series-health';
import { livePeriods, recentShares } from './shares';

/** The key of one fetched series: `kind|symbol|interval`. */
export const seriesKey = (kind: string, symbol: string, interval: string) => `${kind}|${symbol}|${interval}`;

/** A change the loop stored and will announce: `kind` of `symbols` at `interval` over [from, to). */
export interface Announced {
  kind: FetchKind;
  interval: BaseInterval;
  symbols: readonly string[];
  from: number;
  to: number;
}

/** What the planner needs to know about the tenure. */
export interface PlannerDeps {
  db: IDBPDatabase<LiqLabDB>;
  /** Every Live asset's contracts (interleaved across assets, see live-assets.ts). */
  contracts: readonly string[];
  /** The contracts of each Live asset, for live pacing shared fairly between assets (all as one when left out). */
  contractsByAsset?: readonly (readonly string[])[];
  /** Markets whose candles are fetched, one per Live asset. */
  references: readonly string[];
  intervals: readonly BaseInterval[];
  context: readonly ContextSeriesSpec[];
  /** Budget for live 1min refreshes; 0 turns live polling off. */
  liveCallsPerMin: number;
  health: SeriesHealth;
}

/** The jobs of the next request (empty when nothing is due) and, when empty, when something next falls due. */
export interface Batch {
  jobs: Job[];
  dueAt: number;
}

/** One series the loop fetches. */
interface PlannedSeries {
  kind: FetchKind;
  symbol: string;
  interval: BaseInterval;
  key: string;
  /** Open interest or funding: counted apart from the per-interval backfill rows. */
  context: boolean;
}

/** A series without a job: the inputs of that finding and when it next has one (ms). */
interface IdleSeries {
  ranges: readonly Range[];
  backfilled: boolean;
  liveAt: number;
  dueAt: number;
}

const NONE: readonly Range[] = [];

/** Announced changes heard back at most this many: older ones, if never heard, count as another's (a re-read). */
const ECHOES_KEPT = 64;

const echoKey = (n: Announced) => `${n.kind}|${n.interval}|${n.symbols.join(',')}|${n.from}|${n.to}`;

/** Coverage, live pacing and backfill state of one fetch loop. */
export class JobPlanner {
  private coverage: Map<string, readonly Range[]> | null = null;
  /** Bumped by every change heard from elsewhere: a read that began before it must not be kept. */
  private generation = 0;
  private readonly echoes: string[] = [];
  private backfilled = new Set<string>();
  private readonly nextLive = new Map<string, number>();
  private periods = new Map<string, number>();
  private sharesAt = Number.NEGATIVE_INFINITY;
  /** Series found without a job, with what that was decided from and when they next have one. */
  private readonly idle = new Map<string, IdleSeries>();

  /** Every series fetched, in planning order: liquidations and the candle markets per interval, then context. */
  private readonly series: PlannedSeries[];

  constructor(private readonly deps: PlannerDeps) {
    const { contracts, references, intervals, context } = deps;
    const one = (kind: FetchKind, symbol: string, interval: BaseInterval): PlannedSeries => ({
      kind,
      symbol,
      interval,
      key: seriesKey(kind, symbol, interval),
      // Context series fill in behind liquidations and candles, so their backfill is counted on its own.
      context: isContextKind(kind),
    });
    this.series = [
      ...intervals.flatMap((iv) => [
        ...contracts.map((c) => one('liq', c, iv)),
        ...references.map((r) => one('candle', r, iv)),
      ]),
      ...context.flatMap((spec) => contracts.map((c) => one(spec.kind, c, spec.interval))),
    ];
  }

  /** Starts afresh from the archive: coverage is read again at the next turn, backfill state now. */
  async load(): Promise<void> {
    this.forget();
    this.backfilled = new Set(await readKv(this.deps.db, 'fetch:backfilled', []));
  }

  /** Drops the coverage held in memory: the next turn reads it from the archive. */
  forget(): void {
    this.generation++;
    this.coverage = null;
  }

  /**
   * Takes a notice from the bus. A data or context change of the archive that this loop did not announce means
   * someone else wrote or deleted: returns true (coverage will be read again), else false.
   */
  heard(n: Notice): boolean {
    if ((n.type !== 'data-changed' && n.type !== 'context-changed') || n.db !== 'archive') return false;
    const own = this.echoes.indexOf(echoKey(n));
    if (own >= 0) {
      this.echoes.splice(own, 1);
      return false;
    }
    this.forget();
    return true;
  }

  /** Notes a change this loop is about to announce, so hearing it back is not mistaken for another's. */
  announcing(n: Announced): void {
    this.echoes.push(echoKey(n));
    if (this.echoes.length > ECHOES_KEPT) this.echoes.shift();
  }

  /** Records what a job's write left stored; returns true when its backfill just completed. */
  stored(job: Job, ranges: readonly Range[], now: number): boolean {
    const key = seriesKey(job.kind, job.symbol, job.interval);
    this.coverage?.set(key, ranges);
    if (job.kind === 'liq' && job.interval === '1min')
      this.nextLive.set(job.symbol, now + (this.periods.get(job.symbol) ?? 60_000));
    if (job.tier !== 'backfill' || this.backfilled.has(key)) return false;
    this.backfilled.add(key);
    return true;
  }

  /**
   * Throws when the archive's connection was closed under the loop (another tab's upgrade): a loop about to wait
   * must end its tenure now, as the coverage read it no longer makes at every turn would have. Opening a
   * transaction on a closed connection throws; the empty transaction costs nothing more.
   */
  checkOpen(): void {
    this.deps.db.transaction('coverage');
  }

  /** Persists which series have been backfilled (a new leader resumes from it). */
  async saveBackfilled(): Promise<void> {
    await writeKv(this.deps.db, 'fetch:backfilled', [...this.backfilled]);
  }

  /** Set aside by the series' health: counted as paused, not waited for. */
  private readonly heldBack = (key: string): boolean => this.deps.health.heldBack(key);

  /** Per interval, liquidation and candle series backfilled (and paused) of those planned; null when settled. */
  intervalProgress(): IntervalBackfill[] | null {
    return intervalProgress(this.series, this.backfilled, this.deps.intervals, this.heldBack);
  }

  /** Open interest and funding series backfilled of those planned; null when done (or none are fetched). */
  contextProgress(): SeriesCount | null {
    return contextProgress(this.series, this.backfilled, this.heldBack);
  }

  /** Share of liquidation and candle series backfilled (context series fill in behind them); null when done. */
  progress(): number | null {
    return backfillShare(this.intervalProgress());
  }

  private async readCoverage(): Promise<Map<string, readonly Range[]>> {
    const { db, context } = this.deps;
    if (this.coverage) return this.coverage;
    const generation = this.generation;
    const tx = db.transaction(context.length ? ['coverage', 'ctxCoverage'] : ['coverage']);
    const [liq, ctx] = await Promise.all([
      tx.objectStore('coverage').getAll(),
      context.length ? tx.objectStore('ctxCoverage').getAll() : [],
    ]);
    const map = new Map<string, readonly Range[]>();
    for (const c of [...liq, ...ctx]) map.set(seriesKey(c.kind, c.symbol, c.interval), c.ranges);
    // A change heard while this read was in flight may not be in it: use it for this turn only.
    if (generation === this.generation) this.coverage = map;
    return map;
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
    this.periods = livePeriods(shares, this.deps.liveCallsPerMin);
  }

  /** Jobs of the best tier and first interval that has jobs, in the order they should go. */
  async next(now: number): Promise<Batch> {
    await this.refreshShares(now);
    const coverage = await this.readCoverage();
    const { intervals, context, health } = this.deps;
    const nowSec = Math.floor(now / 1000);
    const live = this.deps.liveCallsPerMin > 0;
    const jobs: Job[] = [];
    let dueAt = Number.POSITIVE_INFINITY;
    for (const { kind, symbol, interval, key } of this.series) {
      const readyAt = health.readyAt(key);
      if (readyAt > now) {
        dueAt = Math.min(dueAt, readyAt);
        continue;
      }
      const liveAt = this.nextLive.get(symbol) ?? 0;
      const ranges = coverage.get(key) ?? NONE;
      // Stored history that already reaches as far back as a backfill would ask (an imported archive) leaves none
      // to fetch: the series counts as backfilled, or the progress would wait for it forever.
      const oldest = ranges[0];
      if (oldest && oldest[0] <= requestStart(interval, nowSec)) this.backfilled.add(key);
      const backfilled = this.backfilled.has(key);
      // Nothing it is planned from changed and its due time is still ahead: it has no job yet (nextDue says so).
      const idle = this.idle.get(key);
      if (idle && idle.ranges === ranges && idle.backfilled === backfilled && idle.liveAt === liveAt) {
        if (now < idle.dueAt) {
          dueAt = Math.min(dueAt, idle.dueAt);
          continue;
        }
      }
      const state = { kind, symbol, interval, ranges, backfilled };
      const job = planSeries(state, nowSec, live && liveAt <= now);
      if (job && (live || job.tier !== 'live')) {
        jobs.push(job);
        continue;
      }
      // Rounded up to whole seconds, so the loop never wakes just before the live time and finds nothing.
      const due = dueAfterNone(state, nowSec, live ? Math.ceil(liveAt / 1000) : null) * 1000;
      this.idle.set(key, { ranges, backfilled, liveAt, dueAt: due });
      dueAt = Math.min(dueAt, due);
    }
    if (jobs.length === 0) return { jobs, dueAt };
    // Context series rank below every liquidation and candle job, whatever their tier; one kind per request.
    const specRank = (j: Job) => context.findIndex((c) => c.kind === j.kind && c.interval === j.interval);
    const rank = (j: Job) =>
      isContextKind(j.kind)
        ? 1000 + TIER_RANK[j.tier] * 100 + specRank(j)
        : TIER_RANK[j.tier] * 100 + intervals.indexOf(j.interval) * 2 + (j.kind === 'liq' ? 0 : 1);
    const best = Math.min(...jobs.map(rank));
    const order = jobs
      .filter((j) => rank(j) === best)
      .sort((a, b) => (this.nextLive.get(a.symbol) ?? 0) - (this.nextLive.get(b.symbol) ?? 0));
    return { jobs: order, dueAt: now };
  }
}
