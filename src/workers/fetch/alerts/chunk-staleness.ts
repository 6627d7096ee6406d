/**
 * Which chunks the alert analyzers read at their previous evaluation may hold other values now, so chunks kept
 * between evaluations are never older than the frame that reads them: those at or after a change a data-change
 * notice reports (from its start on, as the frame cache re-reads a tail), and those of a series whose coverage
 * moved between the two snapshots (a write whose notice is still on its way).
 */
import type { BaseInterval } from '../../../core/intervals';
import type { ChunkKey, ChunkStore } from '../../../storage/chunk-memo';
import { chunkSpan } from '../../../storage/series-repo';
import type { ChangedSpan } from '../../compute/frame-cache';
import { type ArchiveSnapshot, firstDifference } from '../../compute/frame-plan';

/** Chunks of `stores` (of `symbol`, or any) at `interval` (or any) that end after `from` may have changed. */
interface Rule {
  stores: readonly ChunkStore[];
  symbol: string | null;
  interval: BaseInterval | null;
  from: number;
}

const LIQ: readonly ChunkStore[] = ['liqChunks'];
const GROUPS: readonly ChunkStore[] = ['liqGroups'];
const CANDLES: readonly ChunkStore[] = ['candleChunks'];
const ALL: readonly ChunkStore[] = ['liqChunks', 'liqGroups', 'candleChunks'];

function rulesOfChange(c: ChangedSpan): Rule[] {
  const interval = c.interval ?? null;
  const from = c.from;
  if (c.kind === 'liq') {
    // A contract's write moves every group sum at its interval (which groups it belongs to is not in the notice).
    const groups: Rule = { stores: GROUPS, symbol: null, interval, from };
    if (!c.symbols) return [{ stores: LIQ, symbol: null, interval, from }, groups];
    return [...c.symbols.map((symbol) => ({ stores: LIQ, symbol, interval, from })), groups];
  }
  if (c.kind === 'candle') {
    if (!c.symbols) return [{ stores: CANDLES, symbol: null, interval, from }];
    return c.symbols.map((symbol) => ({ stores: CANDLES, symbol, interval, from }));
  }
  // Open interest and funding are not read by frames; a change of unknown kind may be anything.
  return c.kind ? [] : [{ stores: ALL, symbol: null, interval, from }];
}

function rulesOfCoverage(before: ArchiveSnapshot, after: ArchiveSnapshot): Rule[] {
  const key = (c: { kind: string; symbol: string; interval: string }) =>
    `${c.kind}|${c.symbol}|${c.interval}`;
  const old = new Map(before.coverage.map((c) => [key(c), c.ranges]));
  const out: Rule[] = [];
  const seen = new Set<string>();
  const add = (kind: 'liq' | 'candle', symbol: string, interval: BaseInterval, from: number) => {
    if (!Number.isFinite(from)) return;
    if (kind === 'candle') out.push({ stores: CANDLES, symbol, interval, from });
    else out.push({ stores: LIQ, symbol, interval, from }, { stores: GROUPS, symbol: null, interval, from });
  };
  for (const c of after.coverage) {
    seen.add(key(c));
    add(c.kind, c.symbol, c.interval, firstDifference(old.get(key(c)) ?? [], c.ranges));
  }
  for (const c of before.coverage)
    if (!seen.has(key(c))) add(c.kind, c.symbol, c.interval, c.ranges[0]?.[0] ?? Number.POSITIVE_INFINITY);
  return out;
}

/** A test for the chunk memo: true for a chunk that may differ from the one read before `changes`. */
export function staleChunks(
  changes: readonly ChangedSpan[],
  before: ArchiveSnapshot,
  after: ArchiveSnapshot,
): (store: ChunkStore, key: ChunkKey) => boolean {
  const rules = [...changes.flatMap(rulesOfChange), ...rulesOfCoverage(before, after)];
  return (store, [symbol, interval, start]) =>
    rules.some(
      (r) =>
        r.stores.includes(store) &&
        (r.symbol === null || r.symbol === symbol) &&
        (r.interval === null || r.interval === interval) &&
        start + chunkSpan(interval) > r.from,
    );
}
