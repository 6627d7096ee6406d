/**
 * Reading open interest summed over contracts and funding weighted by open interest. When the requested
 * contracts with OI data are exactly a group's members, the group's pre-summed series is read (one record per
 * chunk); any other selection sums the contract chunks. Outside coverage and in gaps the result is NaN.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { type LevelSeries, sumFinite, weightedMean } from '../core/context/aggregate';
import type { ContextKind } from '../core/context/series';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';
import { bucketsOver } from '../core/series';
import { floorTo } from '../core/time';
import { readContextWith } from './context-repo';
import { planGroupRead } from './liq-read';
import { CHUNK_SLOTS, type ContextStores, type LiqLabDB, type OiGroupChunk } from './schema';

type ReadTx = IDBPTransaction<LiqLabDB, ContextStores, 'readonly'>;
type CoverageTx = IDBPTransaction<LiqLabDB, ('ctxChunks' | 'ctxCoverage')[], 'readonly'>;

/** The symbols among `symbols` with stored `kind` at `interval`. */
async function withData(
  coverage: Pick<ReturnType<CoverageTx['objectStore']>, 'get'>,
  kind: ContextKind,
  symbols: readonly string[],
  interval: BaseInterval,
) {
  const covs = await Promise.all(symbols.map((s) => coverage.get([kind, s, interval])));
  return symbols.filter((_, i) => covs[i] !== undefined);
}

function copyGroup(out: LevelSeries, c: OiGroupChunk, n: number): void {
  const offset = (c.start - out.start) / out.step;
  const lo = Math.max(0, -offset);
  const hi = Math.min(CHUNK_SLOTS, n - offset);
  for (let i = lo; i < hi; i++) {
    const k = (c.count[i] ?? 0) > 0;
    out.open[offset + i] = k ? (c.open[i] ?? Number.NaN) : Number.NaN;
    out.close[offset + i] = k ? (c.close[i] ?? Number.NaN) : Number.NaN;
    out.count[offset + i] = c.count[i] ?? 0;
  }
}

/** Open interest in USD over [from, to) summed across `symbols`, with how many contracts each bucket sums. */
export async function readOiSum(
  db: IDBPDatabase<LiqLabDB>,
  symbols: readonly string[],
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<LevelSeries> {
  const tx = db.transaction(['ctxChunks', 'ctxCoverage', 'oiGroups', 'oiGroupMembers', 'markets']) as ReadTx;
  const have = await withData(tx.objectStore('ctxCoverage'), 'oi', symbols, interval);
  const markets = new Map(
    (await Promise.all(have.map((s) => tx.objectStore('markets').get(s)))).flatMap((m) =>
      m ? [[m.symbol, m] as const] : [],
    ),
  );
  const members = await tx.objectStore('oiGroupMembers').getAll();
  const group = planGroupRead(have, markets, members, interval);
  const step = BASE_INTERVAL_SECONDS[interval];
  const { start, n } = bucketsOver(step, from, to);
  let out: LevelSeries;
  if (group !== null) {
    out = {
      start,
      step,
      open: new Float64Array(n).fill(Number.NaN),
      close: new Float64Array(n).fill(Number.NaN),
      count: new Uint16Array(n),
    };
    const span = step * CHUNK_SLOTS;
    const gets: Promise<OiGroupChunk | undefined>[] = [];
    for (let t: number = floorTo(start, span); t < to; t += span)
      gets.push(tx.objectStore('oiGroups').get([group, interval, t]));
    for (const c of await Promise.all(gets)) if (c) copyGroup(out, c, n);
  } else {
    const get = (k: [ContextKind, string, BaseInterval, number]) => tx.objectStore('ctxChunks').get(k);
    const series = await Promise.all(have.map((s) => readContextWith(get, 'oi', s, interval, from, to)));
    const opens = sumFinite(
      series.map((s) => maskBy(s.open, s.close)),
      n,
    );
    const closes = sumFinite(
      series.map((s) => s.close),
      n,
    );
    out = { start, step, open: opens.sum, close: closes.sum, count: closes.count };
  }
  await tx.done;
  return out;
}

/** Opens where the close is known (a member counts in a bucket by its close, as in the group sums). */
function maskBy(open: Float64Array, close: Float64Array): Float64Array {
  return open.map((v, k) => (Number.isNaN(close[k] ?? Number.NaN) ? Number.NaN : v));
}

/** The rate series of `kind` and the open interest of every contract with rate data, read in one snapshot. */
async function ratesWithOi(
  db: IDBPDatabase<LiqLabDB>,
  kind: 'funding' | 'predicted',
  symbols: readonly string[],
  interval: BaseInterval,
  from: number,
  to: number,
) {
  const tx: CoverageTx = db.transaction(['ctxChunks', 'ctxCoverage']);
  const have = await withData(tx.objectStore('ctxCoverage'), kind, symbols, interval);
  const get = (k: [ContextKind, string, BaseInterval, number]) => tx.objectStore('ctxChunks').get(k);
  const [rates, ois] = await Promise.all([
    Promise.all(have.map((s) => readContextWith(get, kind, s, interval, from, to))),
    Promise.all(have.map((s) => readContextWith(get, 'oi', s, interval, from, to))),
  ]);
  await tx.done;
  return { rates, ois };
}

/**
 * Funding (`funding` or `predicted`, in %) over [from, to) across `symbols`, each contract weighted by its open
 * interest (close) at the same interval; NaN where no contract has both.
 */
export async function readFundingWeighted(
  db: IDBPDatabase<LiqLabDB>,
  kind: 'funding' | 'predicted',
  symbols: readonly string[],
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<Float64Array> {
  return (await readFundingLevel(db, kind, symbols, interval, from, to)).close;
}

/**
 * Funding (`funding` or `predicted`) over [from, to) as a level series across `symbols`: each bucket's open
 * weighted by the open interest at its open, its close by the open interest at its close, and `count` the
 * contracts behind the close; NaN where no contract has both.
 */
export async function readFundingLevel(
  db: IDBPDatabase<LiqLabDB>,
  kind: 'funding' | 'predicted',
  symbols: readonly string[],
  interval: BaseInterval,
  from: number,
  to: number,
): Promise<LevelSeries> {
  const { rates, ois } = await ratesWithOi(db, kind, symbols, interval, from, to);
  const step = BASE_INTERVAL_SECONDS[interval];
  const { start, n } = bucketsOver(step, from, to);
  const count = new Uint16Array(n);
  rates.forEach((r, k) => {
    const w = ois[k]?.close;
    for (let i = 0; i < n; i++)
      if (Number.isFinite(r.close[i] ?? Number.NaN) && (w?.[i] ?? Number.NaN) > 0)
        count[i] = (count[i] ?? 0) + 1;
  });
  return {
    start,
    step,
    open: weightedMean(
      rates.map((r) => r.open),
      ois.map((o) => o.open),
      n,
    ),
    close: weightedMean(
      rates.map((r) => r.close),
      ois.map((o) => o.close),
      n,
    ),
    count,
  };
}
