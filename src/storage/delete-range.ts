/**
 * Delete stored data: liquidations and candles of one contract (or all) over a UTC range (or all time), in ONE
 * transaction. Coverage is cut, so the span becomes a gap (never zeros); every group series that summed a changed
 * contract chunk is recomputed from its members, so groups stay exactly the sum of their contracts.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { BASE_INTERVAL_SECONDS, type BaseInterval } from '../core/intervals';
import { intersectRanges, type Range, subtractRange } from '../core/ranges';
import { floorTo } from '../core/time';
import { hasGroups } from './liq-groups';
import { type ChangedChunk, rebuildGroupChunks } from './liq-groups-rebuild';
import { type CandleChunk, CHUNK_SLOTS, type Coverage, type LiqChunk, type LiqLabDB } from './schema';

/** What to delete. */
export interface DeleteSelection {
  /** One contract's symbol, or null for every stored series. */
  symbol: string | null;
  /** Unix seconds; null leaves that end open (all time). Buckets starting in [from, to) go. */
  from: number | null;
  to: number | null;
}

/** How much a deletion removes: covered buckets (a covered zero is a known point too). */
export interface DeleteCount {
  liqPoints: number;
  candlePoints: number;
  /** Series (kind × contract × interval) that lose something. */
  series: number;
}

/** One kind and interval's changed contracts and the span they lost, for the `data-changed` notice. */
export interface DeletedSpan {
  kind: Coverage['kind'];
  interval: BaseInterval;
  symbols: string[];
  from: number;
  to: number;
}

type Stores = ('liqChunks' | 'candleChunks' | 'coverage' | 'markets' | 'liqGroups' | 'liqGroupMembers')[];
type Tx = IDBPTransaction<LiqLabDB, Stores, 'readwrite'>;

/** The covered spans of one coverage record that the selection removes, on its bucket grid. */
function cutOf(c: Coverage, sel: DeleteSelection): Array<[number, number]> {
  if (sel.symbol !== null && c.symbol !== sel.symbol) return [];
  const step = BASE_INTERVAL_SECONDS[c.interval];
  // A bucket goes when it starts inside [from, to): round both ends up to the grid.
  const lo = sel.from === null ? Number.NEGATIVE_INFINITY : Math.ceil(sel.from / step) * step;
  const hi = sel.to === null ? Number.POSITIVE_INFINITY : Math.ceil(sel.to / step) * step;
  return lo < hi ? intersectRanges(c.ranges, lo, hi) : [];
}

function buckets(ranges: readonly Range[], step: number): number {
  return ranges.reduce((n, [a, b]) => n + (b - a) / step, 0);
}

/** Counts what `deleteStored` with the same selection would remove (coverage only: no chunk is read). */
export async function countStored(db: IDBPDatabase<LiqLabDB>, sel: DeleteSelection): Promise<DeleteCount> {
  const out: DeleteCount = { liqPoints: 0, candlePoints: 0, series: 0 };
  for (const c of await db.getAll('coverage')) {
    const n = buckets(cutOf(c, sel), BASE_INTERVAL_SECONDS[c.interval]);
    if (n === 0) continue;
    out.series++;
    if (c.kind === 'liq') out.liqPoints += n;
    else out.candlePoints += n;
  }
  return out;
}

/** Clears the cut buckets of one series' chunks: liquidations to 0 (outside coverage), candles to NaN. */
async function clearChunks(tx: Tx, c: Coverage, cut: readonly Range[]): Promise<ChangedChunk[]> {
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
  const stores: Stores = ['liqChunks', 'candleChunks', 'coverage', 'markets'];
  if (groups) stores.push('liqGroups', 'liqGroupMembers');
  const tx = db.transaction(stores, 'readwrite') as Tx;
  const count: DeleteCount = { liqPoints: 0, candlePoints: 0, series: 0 };
  const spans = new Map<string, DeletedSpan>();
  try {
    const coverage = await tx.objectStore('coverage').getAll();
    const changedLiq: ChangedChunk[] = [];
    const emptied: Array<{ symbol: string; interval: BaseInterval }> = [];
    for (const c of coverage) {
      const cut = cutOf(c, sel);
      const n = buckets(cut, BASE_INTERVAL_SECONDS[c.interval]);
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
      const id = `${c.kind}|${c.interval}`;
      const span = spans.get(id) ?? {
        kind: c.kind,
        interval: c.interval,
        symbols: [],
        from: Infinity,
        to: -Infinity,
      };
      if (!span.symbols.includes(c.symbol)) span.symbols.push(c.symbol);
      span.from = Math.min(span.from, cut[0]?.[0] ?? span.from);
      span.to = Math.max(span.to, cut[cut.length - 1]?.[1] ?? span.to);
      spans.set(id, span);
    }
    if (groups) await rebuildGroupChunks(tx, changedLiq, emptied);
    await dropEmptySyntheticMarkets(tx, coverage, sel);
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
  tx: Tx,
  before: readonly Coverage[],
  sel: DeleteSelection,
): Promise<void> {
  const left = new Set((await tx.objectStore('coverage').getAll()).map((c) => c.symbol));
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
