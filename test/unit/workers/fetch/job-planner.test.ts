/**
 * The job planner keeps coverage in memory: its own writes update it, and a change of the archive it did not make
 * (an import, a deletion, another leader's write) is heard as a notice it did not announce and makes it read
 * coverage again, so what it plans always follows the archive.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../../src/core/notices';
import { openLiqLabDb } from '../../../../src/storage/open';
import { writeLiqRange } from '../../../../src/storage/series-repo';
import { JobPlanner } from '../../../../src/workers/fetch/job-planner';
import { SeriesHealth } from '../../../../src/workers/fetch/series-health';

const H = 3600;
const NOW = 1_772_000_000_000;
const nowSec = NOW / 1000;
const end = Math.floor(nowSec / H) * H + H;

async function planner(references = ['A']) {
  const db = await openLiqLabDb(`planner-${Math.random()}`);
  const p = new JobPlanner({
    db,
    contracts: ['A'],
    references,
    intervals: ['1hour'],
    context: [],
    liveCallsPerMin: 0,
    health: new SeriesHealth(),
  });
  await p.load();
  return { db, p };
}

const liqJobs = async (p: JobPlanner, at = NOW) =>
  (await p.next(at)).jobs.filter((j) => j.kind === 'liq').map((j) => [j.tier, j.from, j.to]);

describe('JobPlanner', () => {
  it('plans from coverage it keeps, and reads it again after a change it did not make', async () => {
    const { db, p } = await planner();
    // Coverage written before the planner first looks: a hole 100…50 hours back.
    await writeLiqRange(db, 'A', '1hour', end - 2001 * H, end - 100 * H, []);
    await writeLiqRange(db, 'A', '1hour', end - 50 * H, end, []);
    expect(await liqJobs(p)).toEqual([['gap', end - 100 * H, end - 50 * H]]);
    // Another tab's import fills the hole behind the planner's back: until it hears of it, nothing changes.
    await writeLiqRange(db, 'A', '1hour', end - 100 * H, end - 50 * H, []);
    expect(await liqJobs(p)).toEqual([['gap', end - 100 * H, end - 50 * H]]);
    const imported: Notice = {
      type: 'data-changed',
      db: 'archive',
      kind: 'liq',
      interval: '1hour',
      symbols: ['A'],
      from: end - 100 * H,
      to: end - 50 * H,
    };
    expect(p.heard(imported)).toBe(true);
    expect(await liqJobs(p)).toEqual([]);
    // Notices of the demo database, of settings or of context series it plans nothing from change nothing here.
    expect(p.heard({ ...imported, db: 'demo' })).toBe(false);
    expect(p.heard({ type: 'settings-changed' })).toBe(false);
  });

  it('a series whose stored history already reaches back as far as a backfill asks (an import) counts as backfilled', async () => {
    const { db, p } = await planner([]);
    expect(p.intervalProgress()).toEqual([{ interval: '1hour', done: 0, total: 1 }]);
    // As deep as a backfill would ask: no backfill job, so none would ever complete and mark it.
    await writeLiqRange(db, 'A', '1hour', end - 2001 * H, end, []);
    expect(await liqJobs(p)).toEqual([]);
    expect(p.intervalProgress()).toBeNull();
    expect(p.progress()).toBeNull();
  });

  it('a series with less stored history still waits for its backfill', async () => {
    const { db, p } = await planner([]);
    await writeLiqRange(db, 'A', '1hour', end - 1500 * H, end, []);
    expect((await liqJobs(p)).map(([tier]) => tier)).toEqual(['backfill']);
    expect(p.intervalProgress()).toEqual([{ interval: '1hour', done: 0, total: 1 }]);
  });

  it('hears its own announcements back without reading coverage again, once each', async () => {
    const { db, p } = await planner();
    await writeLiqRange(db, 'A', '1hour', end - 2001 * H, end, []);
    expect(await liqJobs(p)).toEqual([]);
    const own = { kind: 'liq' as const, interval: '1hour' as const, symbols: ['A'], from: end - H, to: end };
    p.announcing(own);
    const notice: Notice = { type: 'data-changed', db: 'archive', ...own, exact: true };
    expect(p.heard(notice)).toBe(false);
    // The same change heard a second time was not this loop's (it announced it once): someone else wrote.
    expect(p.heard(notice)).toBe(true);
  });

  it("a job's write updates the kept coverage: the stored range is not planned again", async () => {
    const { db, p } = await planner();
    const [job] = (await p.next(NOW)).jobs;
    expect(job?.tier).toBe('backfill');
    if (!job) return;
    const { ranges } = await writeLiqRange(db, 'A', '1hour', job.from, job.to, []);
    expect(p.stored(job, ranges, NOW)).toBe(true);
    expect(p.progress()).toBeCloseTo(0.5);
    expect(await liqJobs(p)).toEqual([]);
  });
});
