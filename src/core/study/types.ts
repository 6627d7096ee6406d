/** Inputs and outputs of the reaction study (statistics.md §3.2–3.3, §2.3). */
import type { EventClass, Level, LevelTouch, Side, SpikeEvent } from '../events';
import type { Timeframe } from '../intervals';

/** Magnitude bucket of an event by its peak z (or GPD tail p). */
export type ZBucket = 'z<3.5' | 'z3.5-5' | 'z5-8' | 'z>8';

/** Size group of an event in bp of open interest: its tertile among the study's events, or none without OI. */
export type BpBucket = 'bp-low' | 'bp-mid' | 'bp-high' | 'bp-none';

/** An event's size group: by peak z, or (StudyParams.groupBy 'bpOfOi') by its size in bp of open interest. */
export type MagnitudeBucket = ZBucket | BpBucket;

/** All z buckets, smallest first. */
export const BUCKETS: readonly ZBucket[] = ['z<3.5', 'z3.5-5', 'z5-8', 'z>8'];

/** All bp-of-OI groups, smallest first, then the events without open interest. */
export const BP_BUCKETS: readonly BpBucket[] = ['bp-low', 'bp-mid', 'bp-high', 'bp-none'];

/** What the study's size groups are: peak z (default) or the event's size in bp of open interest. */
export type StudyGroupBy = 'z' | 'bpOfOi';

/** All event classes, in table order. */
export const CLASSES: readonly EventClass[] = ['onset', 'continuation', 'seasonal', 'extreme'];

/** Tunables of one study run; `defaultStudyParams` fills them per timeframe. */
export interface StudyParams {
  /** Forward horizons in bars, ascending. */
  horizons: number[];
  /** Placebo draws M. */
  placeboDraws: number;
  /** Draws used for the CAAR placebo band (the band needs fewer draws than the p-values). */
  caarDraws: number;
  /** Bars shown before the event in the CAAR plot. */
  preBars: number;
  seed: number;
  /** Bootstrap resamples for the mean CI. */
  bootstrap: number;
  atrPeriod: number;
  /** Half-life in bars of the EWMA volatility used to standardise returns and match placebos. */
  volHalfLife: number;
  /** Trailing window in bars for the normal (mean) return. */
  meanWindow: number;
  /** Bars either side of an event's span that placebo bars must keep away from. */
  exclusionGap: number;
  /** Cells with fewer events than this are greyed. */
  minN: number;
  /** Placebo level sets built for the level-respect baseline. */
  levelDraws: number;
  /** Size groups of the summary: by peak z, or by the event's size in bp of open interest (tertiles). */
  groupBy: StudyGroupBy;
}

/** Everything the study needs; events, levels and touches come from the compute pipeline (or tests). */
export interface StudyInput {
  timeframe: Timeframe;
  /** Bar start times are `start + i * step`; arrays share one index. */
  start: number;
  step: number;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  events: readonly SpikeEvent[];
  levels: readonly Level[];
  touches: readonly LevelTouch[];
  /** Builds levels from (placebo) events with the same construction as the real ones; omit to skip the baseline. */
  buildLevels?: (events: SpikeEvent[]) => { levels: Level[]; touches: LevelTouch[] };
}

/** One event as the table and scatter show it; per-horizon arrays follow `horizons`. */
export interface EventRow {
  id: string;
  time: number;
  side: Side;
  bucket: MagnitudeBucket;
  eventClass: EventClass;
  /** The long-window return period in words ("1 in ~40 days"), see core/spikes/rarity. */
  rarity: string;
  maxZ: number;
  usd: number;
  /** The event's size in bp of open interest (NaN without open interest). */
  bpOfOi: number;
  p0: number;
  atr: number;
  /** Signed abnormal return in basis points per horizon (NaN past the data's end). */
  signedBp: number[];
  /** Raw log return in basis points per horizon (not signed). */
  rawBp: number[];
  /** Favourable / adverse excursion in ATR per horizon. */
  mfeAtr: number[];
  maeAtr: number[];
  /** Which of ±1 ATR was touched first within the longest horizon. */
  outcome: 'favourable' | 'adverse' | 'neither';
}

/** Group of events a summary row describes; 'all' pools over that dimension. */
export interface GroupKey {
  side: Side;
  bucket: MagnitudeBucket | 'all';
  eventClass: EventClass | 'all';
}

/** One row of the per-horizon summary table. */
export interface SummaryRow extends GroupKey {
  horizon: number;
  n: number;
  nNonOverlap: number;
  meanBp: number;
  medianBp: number;
  ciLoBp: number;
  ciHiBp: number;
  meanNonOverlapBp: number;
  meanSar: number;
  hitRate: number;
  placeboHitRate: number;
  placeboMeanBp: number;
  placeboP: number;
  bhQ: number;
  hacT: number;
  mfeAtr: number;
  maeAtr: number;
  pFavFirst: number;
  greyed: boolean;
}

/** Cumulative average abnormal return in event time for one side, with the placebo 5–95 % band. */
export interface CaarCurve {
  side: Side;
  offsets: number[];
  caarBp: number[];
  bandLoBp: number[];
  bandHiBp: number[];
  n: number;
}

/** Bounce/break counts with the Wilson interval of the respect rate. */
export interface RespectCell {
  bounces: number;
  breaks: number;
  rate: number;
  lo: number;
  hi: number;
}

/** Level respect, real vs placebo, for one breakdown bucket. */
export interface RespectRow {
  by: 'all' | 'touch' | 'age';
  label: string;
  real: RespectCell;
  placebo: RespectCell;
  /** Exact binomial p of the real bounces against the placebo rate. */
  binomP: number;
}

/** The whole study. */
export interface StudyResult {
  timeframe: Timeframe;
  params: StudyParams;
  bars: number;
  events: EventRow[];
  summary: SummaryRow[];
  caar: CaarCurve[];
  respect: RespectRow[];
  /** The tertile edges of the bp-of-OI groups ([] when grouped by z). */
  bpEdges: number[];
  /** Milliseconds the computation took (wall clock where it ran). */
  elapsedMs: number;
}

/** Progress callback: fraction in [0, 1] and a short stage label. */
export type StudyProgress = (fraction: number, stage: string) => void;
