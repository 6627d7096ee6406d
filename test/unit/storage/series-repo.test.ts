import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openLiqLabDb } from '../../../src/storage/open';
import { readCandles, readLiqSum, writeCandles, writeLiqRange } from '../../../src/storage/series-repo';

const H = 3600;
const open = () => openLiqLabDb(`series-${Math.random()}`);

describe('series repository', () => {
  it('treats buckets the API omitted as zero inside the fetched range and as gaps outside it', async () => {
    const db = await open();
    await writeLiqRange(db, 'A', '1hour', 10 * H, 14 * H, [{ t: 11 * H, l: 5, s: 1 }]);
    const s = await readLiqSum(db, ['A'], '1hour', 8 * H, 16 * H);
    expect(Array.from(s.long)).toEqual([0, 0, 0, 5, 0, 0, 0, 0]);
    expect(Array.from(s.covered)).toEqual([0, 0, 1, 1, 1, 1, 0, 0]);
  });

  it('is idempotent: writing the same range twice changes nothing', async () => {
    const db = await open();
    const points = [{ t: 3 * H, l: 2, s: 4 }];
    expect((await writeLiqRange(db, 'A', '1hour', 0, 6 * H, points)).changed).toBeGreaterThan(0);
    expect((await writeLiqRange(db, 'A', '1hour', 0, 6 * H, points)).changed).toBe(0);
  });

  it('overwrites the still-open newest bucket with a later fetch', async () => {
    const db = await open();
    await writeLiqRange(db, 'A', '1hour', 0, 3 * H, [{ t: 2 * H, l: 1, s: 0 }]);
    await writeLiqRange(db, 'A', '1hour', 2 * H, 3 * H, [{ t: 2 * H, l: 7, s: 3 }]);
    const s = await readLiqSum(db, ['A'], '1hour', 0, 3 * H);
    expect([s.long[2], s.short[2]]).toEqual([7, 3]);
  });

  it('sums contracts and spans chunk boundaries', async () => {
    const db = await open();
    const far = 5000 * 60; // past the first 4096-slot chunk of 1-minute data
    await writeLiqRange(db, 'A', '1min', 0, far + 120, [
      { t: 60, l: 1, s: 0 },
      { t: far, l: 2, s: 0 },
    ]);
    await writeLiqRange(db, 'B', '1min', 0, far + 120, [{ t: far, l: 3, s: 1 }]);
    const s = await readLiqSum(db, ['A', 'B'], '1min', 0, far + 120);
    expect(s.long[1]).toBe(1);
    expect(s.long[5000]).toBe(5);
    expect(s.short[5000]).toBe(1);
  });

  it('a filter of many contracts, most without data, reads the same as one contract at a time', async () => {
    const db = await open();
    // Other intervals and candle coverage of the same symbols must not leak into the 1hour read.
    await writeLiqRange(db, 'S3', '1hour', 2 * H, 6 * H, [{ t: 3 * H, l: 4, s: 1 }]);
    await writeLiqRange(db, 'S17', '1hour', 4 * H, 9 * H, [{ t: 5 * H, l: 2, s: 6 }]);
    await writeLiqRange(db, 'S5', '5min', 0, 9 * H, [{ t: 300, l: 9, s: 9 }]);
    await writeCandles(db, 'S8', '1hour', 0, 9 * H, [{ t: H, o: 1, h: 2, l: 0.5, c: 1.5, v: 10 }]);
    const many = Array.from({ length: 40 }, (_, i) => `S${i}`);
    const all = await readLiqSum(db, many, '1hour', 0, 10 * H);
    expect(Array.from(all.long)).toEqual([0, 0, 0, 4, 0, 2, 0, 0, 0, 0]);
    expect(Array.from(all.short)).toEqual([0, 0, 0, 1, 0, 6, 0, 0, 0, 0]);
    expect(Array.from(all.covered)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 0]);
    const few = await readLiqSum(db, ['S3', 'S17', 'S5', 'S8'], '1hour', 0, 10 * H);
    expect(all).toEqual(few);
  });

  it('keeps missing candles missing', async () => {
    const db = await open();
    await writeCandles(db, 'A', '1hour', 0, 3 * H, [{ t: H, o: 1, h: 2, l: 0.5, c: 1.5, v: 10 }]);
    const c = await readCandles(db, 'A', '1hour', 0, 3 * H);
    expect(Number.isNaN(c.close[0])).toBe(true);
    expect(c.close[1]).toBe(1.5);
  });
});
