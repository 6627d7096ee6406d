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
import { CONTEXT_SERIES, type ContextKind, isContextKind } from '../../core/context/series';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../../core/intervals';
import { type ContractFilter, marketsOf } from '../../core/market';
import type { BarFrame } from '../../core/series';
import { readFundingLevel, readOiSum } from '../../storage/oi-read';
import type { LiqLabDB } from '../../storage/schema';
import type { ChangedSpan, FrameContext } from './api';

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

/** Reads the context of `frame` for the contracts of `asset` that `filter` keeps. */
export async function readFrameContext(
  db: IDBPDatabase<LiqLabDB>,
  frame: Pick<BarFrame, 'start' | 'step'> & { n: number },
  asset: string,
  filter: ContractFilter,
): Promise<FrameContext> {
  const { start, step, n } = frame;
  const tx = db.transaction(['markets', 'ctxCoverage']);
  const [markets, coverage] = await Promise.all([
    tx.objectStore('markets').getAll(),
    tx.objectStore('ctxCoverage').getAll(),
  ]);
  await tx.done;
  const symbols = marketsOf(markets, asset, filter).map((m) => m.symbol);
  const storedOf = (kind: ContextKind) =>
    new Set(coverage.filter((c) => c.kind === kind && symbols.includes(c.symbol)).map((c) => c.interval));
  const intervals: Record<ContextKind, BaseInterval | null> = {
    oi: contextInterval('oi', step, storedOf('oi')),
    funding: contextInterval('funding', step, storedOf('funding')),
    predicted: contextInterval('predicted', step, storedOf('predicted')),
  };
  const end = start + n * step;
  const onBars = (s: LevelSeries) => resampleLevel(s, start, step, n);
  const read = async (kind: ContextKind): Promise<LevelSeries | null> => {
    const iv = intervals[kind];
    if (iv === null || n === 0) return null;
    const series =
      kind === 'oi'
        ? await readOiSum(db, symbols, iv, start, end)
        : await readFundingLevel(db, kind, symbols, iv, start, end);
    return onBars(series);
  };
  const [oi, funding, predicted] = await Promise.all([read('oi'), read('funding'), read('predicted')]);
  return {
    oi: oi ? oi.close : nan(n),
    oiChange: oi ? levelChange(oi) : nan(n),
    funding: funding ? funding.close : nan(n),
    predicted: predicted ? predicted.close : nan(n),
    intervals,
  };
}

/** A frame's context kept between refreshes of one view; re-read whole only when it may have changed. */
export class ContextCache {
  private key = '';
  private current: FrameContext | null = null;

  constructor(
    private readonly asset: string,
    private readonly filter: ContractFilter,
  ) {}

  /** The context of `frame` after `changes` (null: unknown, read again). */
  async refresh(
    db: IDBPDatabase<LiqLabDB>,
    frame: BarFrame,
    changes: readonly ChangedSpan[] | null,
  ): Promise<FrameContext> {
    const n = frame.liq.long.length;
    const key = `${frame.start}/${frame.step}/${n}`;
    const stale = changes === null || changes.some(touchesContext) || key !== this.key;
    if (this.current && !stale) return this.current;
    this.current = null; // a failed read leaves nothing to reuse
    const next = await readFrameContext(
      db,
      { start: frame.start, step: frame.step, n },
      this.asset,
      this.filter,
    );
    this.current = next;
    this.key = key;
    return next;
  }
}
