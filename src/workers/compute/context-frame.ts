/**
 * Open interest and funding for a chart frame: read over the frame's span at one stored base interval per kind,
 * aggregated over the filter's contracts (`readOiSum`, `readFundingLevel`) and put on the bar grid with
 * `resampleLevel`, gaps staying NaN. The series are small (a year of 5min OI is 105k buckets, usually one
 * pre-summed group record per chunk), so they are read whole whenever they may have changed: a context notice, an
 * unknown change, or a frame of another start, step or length (a new bar); a refresh that only saw liquidations
 * or candles land in the bars it already has reuses them.
 */
import type { IDBPDatabase } from 'idb';
import { type LevelSeries, levelChange, resampleLevel } from '../../core/context/aggregate';
import { completeOpens } from '../../core/context/liq-bp';
import { CONTEXT_SERIES, type ContextKind, isContextKind } from '../../core/context/series';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../../core/intervals';
import { type ContractFilter, marketsOf } from '../../core/market';
import { readFundingLevel, readOiSum } from '../../storage/oi-read';
import type { LiqLabDB } from '../../storage/schema';
import type { ChangedSpan, FrameContext } from './api';
import { type FrameGrid, FrameReadCache } from './frame-read-cache';

/**
 * The base interval to read `kind` at for bars of `barStep` seconds, among those stored for `symbols`: the
 * coarsest that divides the bar (bars are then exact), else the finest stored (bars inside one of its buckets
 * show the level known at the bucket's start); null when none is stored.
 */
export function contextInterval(
  kind: ContextKind,
  barStep: number,
  stored: ReadonlySet<BaseInterval>,
): BaseInterval | null {
  const have = CONTEXT_SERIES.filter((s) => s.kind === kind && stored.has(s.interval))
    .map((s) => s.interval)
    .sort((a, b) => BASE_INTERVAL_SECONDS[a] - BASE_INTERVAL_SECONDS[b]);
  const dividing = have.filter((iv) => barStep % BASE_INTERVAL_SECONDS[iv] === 0);
  return dividing[dividing.length - 1] ?? have[0] ?? null;
}

/** True when a change may alter the context series (a context notice, or a span of unknown kind). */
export function touchesContext(c: ChangedSpan): boolean {
  return c.kind === undefined || isContextKind(c.kind);
}

const nan = (n: number) => new Float64Array(n).fill(Number.NaN);

/** The symbols of `asset` that `filter` keeps and the context intervals stored for them, read in one snapshot. */
async function contextPlan(
  db: IDBPDatabase<LiqLabDB>,
  step: number,
  asset: string,
  filter: ContractFilter,
): Promise<{ symbols: string[]; intervals: Record<ContextKind, BaseInterval | null> }> {
  const tx = db.transaction(['markets', 'ctxCoverage']);
  const [markets, coverage] = await Promise.all([
    tx.objectStore('markets').getAll(),
    tx.objectStore('ctxCoverage').getAll(),
  ]);
  await tx.done;
  const symbols = marketsOf(markets, asset, filter).map((m) => m.symbol);
  const storedOf = (kind: ContextKind) =>
    new Set(coverage.filter((c) => c.kind === kind && symbols.includes(c.symbol)).map((c) => c.interval));
  return {
    symbols,
    intervals: {
      oi: contextInterval('oi', step, storedOf('oi')),
      funding: contextInterval('funding', step, storedOf('funding')),
      predicted: contextInterval('predicted', step, storedOf('predicted')),
    },
  };
}

/** A context series on the bars, and the opens the bp-of-OI score divides by (for open interest). */
export interface OnBars {
  level: LevelSeries;
  /**
   * Open interest at each bar's open where it is complete (`completeOpens`: no contract that reported in the day
   * before is missing from the sum), NaN elsewhere; for other kinds, the level's opens.
   */
  scoreOpen: Float64Array;
}

async function readKind(
  db: IDBPDatabase<LiqLabDB>,
  kind: ContextKind,
  iv: BaseInterval | null,
  symbols: readonly string[],
  { start, step, n }: FrameGrid,
): Promise<OnBars | null> {
  if (iv === null || n === 0) return null;
  const end = start + n * step;
  const series =
    kind === 'oi'
      ? await readOiSum(db, symbols, iv, start, end)
      : await readFundingLevel(db, kind, symbols, iv, start, end);
  const level = resampleLevel(series, start, step, n);
  // Completeness is judged on the stored buckets, before they are put on the bars.
  const scoreOpen =
    kind === 'oi'
      ? resampleLevel({ ...series, open: completeOpens(series) }, start, step, n).open
      : level.open;
  return { level, scoreOpen };
}

/**
 * Open interest over the contracts of `asset` that `filter` keeps on the bars of `frame`: the series the OI pane shows (opens,
 * closes, contracts summed) and the opens the bp-of-OI score divides by; null when none is stored for them. The
 * chart, the alerts, the study, the HTF panel and the bars CSV all read it here.
 */
export async function readFrameOi(
  db: IDBPDatabase<LiqLabDB>,
  frame: FrameGrid,
  asset: string,
  filter: ContractFilter,
): Promise<OnBars | null> {
  const { symbols, intervals } = await contextPlan(db, frame.step, asset, filter);
  return readKind(db, 'oi', intervals.oi, symbols, frame);
}

/** Reads the context of `frame` for the contracts of `asset` that `filter` keeps. */
export async function readFrameContext(
  db: IDBPDatabase<LiqLabDB>,
  frame: FrameGrid,
  asset: string,
  filter: ContractFilter,
): Promise<FrameContext> {
  const { n } = frame;
  const { symbols, intervals } = await contextPlan(db, frame.step, asset, filter);
  const read = (kind: ContextKind) => readKind(db, kind, intervals[kind], symbols, frame);
  const [oi, funding, predicted] = await Promise.all([read('oi'), read('funding'), read('predicted')]);
  return {
    oi: oi ? oi.level.close : nan(n),
    oiOpen: oi ? oi.scoreOpen : nan(n),
    oiChange: oi ? levelChange(oi.level) : nan(n),
    funding: funding ? funding.level.close : nan(n),
    predicted: predicted ? predicted.level.close : nan(n),
    intervals,
  };
}

/** A frame's context kept between refreshes of one view; re-read whole only when it may have changed. */
export class ContextCache extends FrameReadCache<FrameContext> {
  constructor(asset: string, filter: ContractFilter) {
    super(touchesContext, (db, grid) => readFrameContext(db, grid, asset, filter));
  }
}
