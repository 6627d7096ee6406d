/**
 * Delete stored data: liquidations, candles, open interest and funding of one contract (or all) over a UTC range
 * (or all time), in ONE transaction. Coverage is cut, so the span becomes a gap (never zeros); every group series
 * (liquidations, open interest) that summed a changed contract chunk is recomputed from its members, so groups stay
 * exactly the sum of their contracts.
 */
import type { IDBPDatabase } from 'idb';
import type { ContextKind } from '../core/context/series';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';
import { type Range, subtractRange } from '../core/ranges';
import { floorTo } from '../core/time';
import { countContext, deleteContext } from './delete-context';
import { bucketCount, cutOf, type DeleteSelection } from './delete-cut';
import type { ChangedChunk, EmptiedSeries } from './group-rebuild-plan';
import { hasGroups } from './liq-groups';
import { type GroupRebuildTx, rebuildGroupChunks } from './liq-groups-rebuild';
import {
  type CandleChunk,
  CHUNK_SLOTS,
  CONTEXT_STORES,
  type ContextWriteTx,
  type Coverage,
  hasContextStores,
  type LiqChunk,
  type LiqLabDB,
  type SeriesStores,
  type SeriesWriteTx,
} from './schema';

export type { DeleteSelection } from './delete-cut';

/** How much a deletion removes: covered buckets (a covered zero, or a covered gap in OI or funding, is a known point too). */
export interface DeleteCount {
  liqPoints: number;
  candlePoints: number;
  oiPoints: number;
  fundingPoints: number;
  predictedPoints: number;
  /** Series (kind × contract × interval) that lose something. */
  series: number;
}

/** One kind and interval's changed contracts and the span they lost, for the `data-changed` / `context-changed` notice. */
export interface DeletedSpan {
  kind: Coverage['kind'] | ContextKind;
  interval: BaseInterval;
  symbols: string[];
  from: number;
  to: number;
}

/** Counts what `deleteStored` with the same selection would remove (coverage only: no chunk is read). */
export async function countStored(db: IDBPDatabase<LiqLabDB>, sel: DeleteSelection): Promise<DeleteCount> {
  const ctx = countContext(hasContextStores(db) ? await db.getAll('ctxCoverage') : [], sel);
  const out: DeleteCount = { liqPoints: 0, candlePoints: 0, ...ctx };
  for (const c of await db.getAll('coverage')) {
    const n = bucketCount(cutOf(c, sel), BASE_INTERVAL_SECONDS[c.interval]);
    if (n === 0) continue;
    out.series++;
    if (c.kind === 'liq') out.liqPoints += n;
    else out.candlePoints += n;
  }
  return out;
}

/** Clears the cut buckets of one series' chunks: liquidations to 0 (outside coverage), candles to NaN. */
async function clearChunks(tx: SeriesWriteTx, c: Coverage, cut: readonly Range[]): Promise<ChangedChunk[]> {
  const step = BASE_INTERVAL_SECONDS[c.interval];
  const span = step * CHUNK_SLOTS;
  const starts = new Set<number>();
  for (const [a, b] of cut) for (let s: number = floorTo(a, span); s < b; s += span) starts.add(s);
  const store = c.kind === 'liq' ? tx.objectStore('liqChunks') : tx.objectStore('candleChunks');
  const changed: ChangedChunk[] = [];
  for (const start of starts) {
    const chunk = await store.get([c.symbol, c.interval, start]);
    if (!chunk) continue;
    const cols =
      'long' in chunk
        ? [chunk.long, chunk.short]
        : [chunk.open, chunk.high, chunk.low, chunk.close, chunk.volume];
    const empty = c.kind === 'liq' ? 0 : Number.NaN;
    for (const [a, b] of cut) {
      const i0 = Math.max(0, (a - start) / step);
      const i1 = Math.min(CHUNK_SLOTS, (b - start) / step);
      for (const col of cols) if (i1 > i0) col.fill(empty, i0, i1);
    }
    const blank = cols.every((col) => col.every((x) => (c.kind === 'liq' ? x === 0 : Number.isNaN(x))));
    // A chunk with nothing left is removed: deleting is how a user frees space.
    if (blank) void store.delete([c.symbol, c.interval, start]).catch(() => undefined);
    else if (c.kind === 'liq')
      void tx
        .objectStore('liqChunks')
        .put(chunk as LiqChunk)
        .catch(() => undefined);
    else
      void tx
        .objectStore('candleChunks')
        .put(chunk as CandleChunk)
        .catch(() => undefined);
    changed.push({ symbol: c.symbol, interval: c.interval, start });
  }
  return changed;
}

/**
 * Deletes the selection in one readwrite transaction and returns what it removed plus the spans to announce.
 * `beforeDone` runs inside the transaction just before it completes (tests use it to inject a failure).
 */
export async function deleteStored(
  db: IDBPDatabase<LiqLabDB>,
  sel: DeleteSelection,
  beforeDone?: () => void,
): Promise<{ count: DeleteCount; spans: DeletedSpan[] }> {
  const groups = hasGroups(db);
  const context = hasContextStores(db);
  const stores: SeriesStores = ['liqChunks', 'candleChunks', 'coverage', 'markets'];
  if (groups) stores.push('liqGroups', 'liqGroupMembers');
  if (context) stores.push(...CONTEXT_STORES);
  const tx = db.transaction(stores, 'readwrite') as SeriesWriteTx;
  const spans = new Map<string, DeletedSpan>();
  const announce = (kind: DeletedSpan['kind'], interval: BaseInterval, symbol: string, cut: Range[]) => {
    const id = `${kind}|${interval}`;
    const span = spans.get(id) ?? { kind, interval, symbols: [], from: Infinity, to: -Infinity };
    if (!span.symbols.includes(symbol)) span.symbols.push(symbol);
    span.from = Math.min(span.from, cut[0]?.[0] ?? span.from);
    span.to = Math.max(span.to, cut[cut.length - 1]?.[1] ?? span.to);
    spans.set(id, span);
  };
  const count: DeleteCount = {
    liqPoints: 0,
    candlePoints: 0,
    oiPoints: 0,
    fundingPoints: 0,
    predictedPoints: 0,
    series: 0,
  };
  try {
    const contextCoverage = context ? await tx.objectStore('ctxCoverage').getAll() : [];
    Object.assign(count, countContext(contextCoverage, sel));
    const coverage = await tx.objectStore('coverage').getAll();
    const changedLiq: ChangedChunk[] = [];
    const emptied: EmptiedSeries[] = [];
    for (const c of coverage) {
      const cut = cutOf(c, sel);
      const n = bucketCount(cut, BASE_INTERVAL_SECONDS[c.interval]);
      if (n === 0) continue;
      count.series++;
      if (c.kind === 'liq') count.liqPoints += n;
      else count.candlePoints += n;
      const changed = await clearChunks(tx, c, cut);
      if (c.kind === 'liq') changedLiq.push(...changed);
      let left = c.ranges;
      for (const [a, b] of cut) left = subtractRange(left, a, b);
      const key: [Coverage['kind'], string, BaseInterval] = [c.kind, c.symbol, c.interval];
      if (left.length === 0) {
        void tx
          .objectStore('coverage')
          .delete(key)
          .catch(() => undefined);
        if (c.kind === 'liq') emptied.push({ symbol: c.symbol, interval: c.interval });
      } else
        void tx
          .objectStore('coverage')
          .put({ ...c, ranges: left })
          .catch(() => undefined);
      announce(c.kind, c.interval, c.symbol, cut);
    }
    // Each helper is typed with the stores it uses; this transaction spans them all.
    if (groups) await rebuildGroupChunks(tx as unknown as GroupRebuildTx, changedLiq, emptied);
    if (context)
      for (const c of await deleteContext(tx as unknown as ContextWriteTx, sel))
        announce(c.kind, c.interval, c.symbol, c.cut);
    await dropEmptySyntheticMarkets(tx, [...coverage, ...contextCoverage], sel, context);
    beforeDone?.();
  } catch (e) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw e;
  }
  await tx.done;
  return { count, spans: [...spans.values()] };
}

/** Imported synthetic contracts (aggregates, re-imported bars) with no series left are forgotten too. */
async function dropEmptySyntheticMarkets(
  tx: SeriesWriteTx,
  before: ReadonlyArray<{ symbol: string }>,
  sel: DeleteSelection,
  context: boolean,
): Promise<void> {
  const left = new Set((await tx.objectStore('coverage').getAll()).map((c) => c.symbol));
  // An imported aggregate that still has open interest or funding keeps its market record.
  if (context) for (const c of await tx.objectStore('ctxCoverage').getAll()) left.add(c.symbol);
  const touched = new Set(
    before.filter((c) => sel.symbol === null || c.symbol === sel.symbol).map((c) => c.symbol),
  );
  for (const symbol of touched) {
    if (left.has(symbol)) continue;
    const m = await tx.objectStore('markets').get(symbol);
    if (m && (m.covers !== undefined || m.exchange === 'CSV'))
      void tx
        .objectStore('markets')
        .delete(symbol)
        .catch(() => undefined);
  }
}
