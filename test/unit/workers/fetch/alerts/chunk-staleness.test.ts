/**
 * Chunks kept between the alert analyzers' evaluations (a ChunkMemo that lives on, pruned by staleChunks) never
 * change what a frame reads: frame caches sharing one kept memo return exactly what frame caches reading afresh
 * return, and what a fresh loadFrame returns, whenever every write has been announced; and a write whose notice
 * is still on its way is seen wherever it moved coverage, as a fresh read sees it.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { ChunkMemo } from '../../../../../src/storage/chunk-memo';
import { openLiqLabDb } from '../../../../../src/storage/open';
import type { LiqLabDB } from '../../../../../src/storage/schema';
import type { ChangedSpan } from '../../../../../src/workers/compute/api';
import { FrameCache } from '../../../../../src/workers/compute/frame-cache';
import { loadFrame } from '../../../../../src/workers/compute/frame-loader';
import { type ArchiveSnapshot, readArchiveSnapshot } from '../../../../../src/workers/compute/frame-plan';
import { staleChunks } from '../../../../../src/workers/fetch/alerts/chunk-staleness';
import {
  apply,
  expectSame,
  INTERVALS,
  MARKETS,
  REFERENCE,
  request,
  SEED_AT,
  SEED_WRITE,
  SYMBOLS,
  VIEWS,
  writeArb,
} from '../../compute/frame-fixtures';

/** A write, and whether its notice reaches the analyzers only after the next evaluation (still on its way). */
const stepArb = fc.record({ write: writeArb, late: fc.boolean() });

async function seeded(): Promise<IDBPDatabase<LiqLabDB>> {
  const db = await openLiqLabDb(`chunk-memo-${Math.random()}`);
  for (const m of MARKETS) await db.put('markets', m);
  for (const interval of INTERVALS)
    for (const kind of ['liq', 'candle'] as const)
      await apply(
        db,
        { ...SEED_WRITE, kind, interval, symbols: kind === 'liq' ? SYMBOLS.slice(0, 2) : [REFERENCE] },
        SEED_AT[interval],
      );
  return db;
}

/** Frame caches of every view twice: one pair reading through a memo kept across evaluations, one afresh. */
function evaluator(db: IDBPDatabase<LiqLabDB>) {
  const plain = VIEWS.map((v) => new FrameCache(async () => db, request(v)));
  const kept = VIEWS.map((v) => new FrameCache(async () => db, request(v)));
  const memo = new ChunkMemo();
  let last: ArchiveSnapshot | null = null;
  /** One evaluation as AlertAnalyzers.update runs it; returns both results per view. */
  return async (changes: ChangedSpan[]) => {
    const snapshot = await readArchiveSnapshot(db);
    if (last) memo.next(staleChunks(changes, last, snapshot));
    else memo.clear();
    last = snapshot;
    const carried = memo.size;
    const out = [];
    for (const k of VIEWS.keys()) {
      const fresh = await at(plain, k).refresh(changes, { snapshot, chunks: new ChunkMemo() });
      const got = await at(kept, k).refresh(changes, { snapshot, chunks: memo });
      out.push({ fresh, got, label: `${VIEWS[k]?.timeframe} ${JSON.stringify(VIEWS[k]?.filter)}` });
    }
    return { out, carried };
  };
}

function at<T>(xs: readonly T[], k: number): T {
  const x = xs[k];
  if (x === undefined) throw new Error(`no item ${k}`);
  return x;
}

describe('chunks kept between alert evaluations', () => {
  it('never change a frame once every write is announced, whatever notices came late', async () => {
    let carried = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 10 }), async (steps) => {
        const db = await seeded();
        const evaluate = evaluator(db);
        let heard: ChangedSpan[] = [];
        let onTheWay: ChangedSpan[] = [];
        let wasAnnounced = true;
        try {
          await evaluate([]);
          for (const [i, { write, late }] of steps.entries()) {
            const notice = await apply(db, write);
            if (late) onTheWay.push(notice);
            else heard.push(notice);
            if (!write.refresh && i < steps.length - 1) continue;
            const announced = onTheWay.length === 0;
            const r = await evaluate(heard);
            carried += r.carried;
            for (const { fresh, got, label } of r.out) {
              if (!announced) continue;
              expectSame(got, fresh, `${label} after step ${i}`);
              // Where the frames differ from their previous ones, unless the previous ones could differ.
              if (wasAnnounced) expect(got.revisedFrom, label).toBe(fresh.revisedFrom);
            }
            wasAnnounced = announced;
            // A late notice is heard at the next evaluation, as the pipeline collects notices during one.
            heard = onTheWay;
            onTheWay = [];
          }
          // Every notice heard at last: the kept frames are the archive.
          const r = await evaluate(heard);
          for (const [k, { got, label }] of r.out.entries())
            expectSame(got, await loadFrame(db, request(at(VIEWS, k))), `${label} at the end`);
        } finally {
          db.close();
        }
      }),
      { numRuns: 15 },
    );
    // The memo must keep chunks across evaluations for the property to mean anything.
    expect(carried).toBeGreaterThan(100);
  }, 300_000);

  it('a write whose notice has not arrived is read where it moved coverage, as a fresh read does', async () => {
    const db = await seeded();
    const evaluate = evaluator(db);
    await evaluate([]);
    // Both contracts' live minutes move on; its notice is still on its way at the next evaluation.
    const tail = {
      ...SEED_WRITE,
      interval: '1min' as const,
      symbols: SYMBOLS.slice(0, 2),
      overlap: 0,
      len: 7,
      seed: 5,
    };
    await apply(db, tail);
    const r = await evaluate([]);
    expect(r.carried).toBeGreaterThan(0);
    for (const { fresh, got, label } of r.out) expectSame(got, fresh, label);
    db.close();
  });
});
