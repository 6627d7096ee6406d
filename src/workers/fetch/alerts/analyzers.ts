/**
 * The leader's alert analyzers: one per Live asset × timeframe × contract filter that asset's alert rules name,
 * each a cached frame of the archive plus an incremental analysis (the same core code the chart runs). They
 * follow the archive, not the page: nothing here depends on which asset, timeframe, filter or panel a tab shows,
 * or on a tab being visible.
 */
import type { IDBPDatabase } from 'idb';
import type { AlertSettings } from '../../../core/alerts/config';
import type { AlertInput } from '../../../core/alerts/rules';
import type { Analysis, AnalysisParams } from '../../../core/analysis/analyzer';
import type { Timeframe } from '../../../core/intervals';
import { ALL_CONTRACTS, type ContractFilter, filterKey, parseFilterKey } from '../../../core/market';
import type { BarFrame } from '../../../core/series';
import { alertSettingsFor, assetSettings, type Settings } from '../../../core/settings';
import { ChunkMemo } from '../../../storage/chunk-memo';
import type { LiqLabDB } from '../../../storage/schema';
import { type ChangedSpan, FrameCache, type SharedRead } from '../../compute/frame-cache';
import { FrameOiCache, scoredFrame } from '../../compute/frame-oi';
import { type ArchiveSnapshot, readArchiveSnapshot } from '../../compute/frame-plan';
import { IncrementalAnalysis } from '../../compute/incremental';
import { staleChunks } from './chunk-staleness';

/** One asset × timeframe × contract filter the rules listen to. */
export interface AlertTarget {
  asset: string;
  timeframe: Timeframe;
  filter: ContractFilter;
}

/**
 * The targets `asset`'s `rules` need: spike timeframes on the spike rule's filter, touch timeframes on all
 * contracts.
 */
export function alertTargets(rules: AlertSettings, asset: string): AlertTarget[] {
  if (!rules.enabled) return [];
  const out = new Map<string, AlertTarget>();
  const add = (timeframe: Timeframe, filter: ContractFilter) =>
    out.set(`${timeframe}|${filterKey(filter)}`, { asset, timeframe, filter });
  if (rules.spikes.enabled) {
    const filter = rules.spikes.contracts === '' ? ALL_CONTRACTS : parseFilterKey(rules.spikes.contracts);
    for (const tf of rules.spikes.timeframes) add(tf, filter ?? ALL_CONTRACTS);
  }
  if (rules.touches.enabled) for (const tf of rules.touches.timeframes) add(tf, ALL_CONTRACTS);
  return [...out.values()];
}

/** One target's latest frame and analysis, as the planner reads it. */
export interface TargetResult {
  target: AlertTarget;
  frame: BarFrame;
  analysis: Analysis;
  input: AlertInput;
}

class TargetAnalyzer {
  readonly frames: FrameCache;
  readonly analysis: IncrementalAnalysis;
  /** Open interest at bar opens, read only when the spikes are scored in bp of it. */
  readonly oi: FrameOiCache | null;

  constructor(
    db: () => Promise<IDBPDatabase<LiqLabDB>>,
    readonly target: AlertTarget,
    reference: string,
    params: AnalysisParams,
  ) {
    this.frames = new FrameCache(db, {
      source: 'archive',
      asset: target.asset,
      timeframe: target.timeframe,
      filter: target.filter,
      referenceSymbol: reference,
    });
    this.analysis = new IncrementalAnalysis(target.timeframe, params);
    this.oi = params.spikes.scoreBasis === 'bpOfOi' ? new FrameOiCache(target.asset, target.filter) : null;
  }
}

/** Every analyzer the current settings need; rebuilt when the rules, the parameters or the candle market change. */
export class AlertAnalyzers {
  private analyzers: TargetAnalyzer[] = [];
  private fingerprint = '';
  /** Chunks read at the last evaluation, kept while nothing changed them (most of a tail read is unchanged). */
  private readonly chunks = new ChunkMemo();
  private lastSnapshot: ArchiveSnapshot | null = null;

  constructor(private readonly db: () => Promise<IDBPDatabase<LiqLabDB>>) {}

  /**
   * Aligns the analyzers with `settings` for the Live assets; existing ones are kept when nothing they depend on
   * changed.
   */
  configure(settings: Settings): void {
    const targets = settings.assets.live.flatMap((asset) =>
      alertTargets(alertSettingsFor(settings, asset), asset).map((target) => ({
        target,
        reference: assetSettings(settings, asset).reference,
      })),
    );
    const params: AnalysisParams = {
      spikes: settings.spikes,
      levels: settings.levels,
      oscillators: settings.oscillators,
    };
    const fingerprint = JSON.stringify([
      targets.map(({ target: t, reference }) => [t.asset, t.timeframe, filterKey(t.filter), reference]),
      params,
    ]);
    if (fingerprint === this.fingerprint) return;
    this.fingerprint = fingerprint;
    this.analyzers = targets.map((t) => new TargetAnalyzer(this.db, t.target, t.reference, params));
  }

  /** True when some rule needs an analyzer. */
  get active(): boolean {
    return this.analyzers.length > 0;
  }

  /** True when the analyzers score in bp of open interest, so open-interest writes change what they see. */
  get readsOi(): boolean {
    return this.analyzers.some((a) => a.oi !== null);
  }

  /** Brings every analyzer up to the archive after `changes` (null: re-read everything). */
  async update(changes: readonly ChangedSpan[] | null, nowSec: number): Promise<TargetResult[]> {
    const out: TargetResult[] = [];
    if (this.analyzers.length === 0) return out;
    // One read of markets and coverage, and each chunk read once, for every analyzer: one moment of the archive.
    // Only the fetch loop's own writes since the last snapshot (exact notices): the market list is as it was (the
    // loop writes markets before alerts start; an import that adds one is announced without `exact`).
    const ownWrites = changes?.every((c) => c.exact === true) ?? false;
    const kept = ownWrites ? this.lastSnapshot?.markets : undefined;
    const snapshot = await readArchiveSnapshot(await this.db(), kept);
    if (changes === null || !this.lastSnapshot) this.chunks.clear();
    else this.chunks.next(staleChunks(changes, this.lastSnapshot, snapshot));
    this.lastSnapshot = snapshot;
    const shared = { snapshot, chunks: this.chunks };
    try {
      for (const a of this.analyzers) out.push(await this.refresh(a, changes, shared, nowSec));
    } catch (e) {
      // The frames re-read everything after a failure; so does the memo.
      this.lastSnapshot = null;
      throw e;
    }
    return out;
  }

  private async refresh(
    a: TargetAnalyzer,
    changes: readonly ChangedSpan[] | null,
    shared: SharedRead,
    nowSec: number,
  ): Promise<TargetResult> {
    const refreshed = await a.frames.refresh(changes, shared);
    // The chart's own path: the same open-interest read and the same scored frame (analyze.ts).
    const oiOpen = a.oi ? await a.oi.refresh(await this.db(), refreshed.frame, changes) : null;
    const frame = oiOpen ? scoredFrame(refreshed.frame, 'bpOfOi', oiOpen) : refreshed.frame;
    const analysis = a.analysis.update(frame, refreshed.revisedFrom);
    return {
      target: a.target,
      frame,
      analysis,
      input: {
        asset: a.target.asset,
        timeframe: a.target.timeframe,
        contracts: filterKey(a.target.filter),
        events: analysis.detection.events,
        levels: analysis.levels,
        touches: analysis.touches,
        nowSec,
      },
    };
  }
}
