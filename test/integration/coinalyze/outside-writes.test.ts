/**
 * The leader keeps coverage in memory between requests, yet follows changes made elsewhere: Delete stored data in
 * any tab (a notice the loop did not post) wakes it, and the deleted span, still inside the API's retention, is
 * fetched again within seconds and equals the source again.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { memoryBus } from '../../../src/platform/notice-bus';
import { deleteStored } from '../../../src/storage/delete-range';
import { readLiqSum } from '../../../src/storage/series-repo';
import { writeSettings } from '../../../src/storage/settings-repo';
import { FetchEngine } from '../../../src/workers/fetch/engine';
import { memoryLocks } from '../../helpers/memory-locks';
import { setup } from './harness';

const H = 3600;

describe('changes made outside the fetch loop', () => {
  it('Delete stored data while the leader waits: the span is fetched again within 10 s', async () => {
    const e = await setup();
    await writeSettings(e.db, {
      ...DEFAULT_SETTINGS,
      coinalyze: { ...DEFAULT_SETTINGS.coinalyze, apiKey: 'test-key', apiBaseUrl: `${e.url}/v1` },
    });
    const bus = memoryBus();
    const engine = new FetchEngine({
      db: async () => e.db,
      locks: memoryLocks(),
      fetch: e.clock.track((url, init) => fetch(url, init)),
      origin: e.url,
      clock: e.clock,
      random: () => 0.5,
      isOnline: () => true,
      bus,
      liveCallsPerMin: 0,
      intervals: ['1hour'],
      context: [],
    });
    await engine.start();
    await e.clock.runUntil(
      () => engine.lastStatus.backfill === null && engine.lastStatus.state === 'live',
      3_600_000,
    );
    // Everything is stored; the loop now sleeps until the next hourly refresh.
    await e.clock.advance(5 * 60_000);
    // A busy contract: one without liquidations in the span is left out of the answer, keeping its hole.
    const symbol = 'BTCUSDT_PERP.A';
    expect(e.contracts).toContain(symbol);
    const nowSec = Math.floor(e.clock.now() / 1000);
    const from = Math.floor(nowSec / H) * H - 30 * H;
    const to = from + 10 * H;
    const sent = e.fake.log.length;
    // What Settings → Data → Delete stored data does in a page's fetch worker: delete, then announce.
    const { spans } = await deleteStored(e.db, { symbol, from, to });
    for (const { kind, ...s } of spans)
      if (kind === 'liq' || kind === 'candle') bus.post({ type: 'data-changed', db: 'archive', kind, ...s });
      else bus.post({ type: 'context-changed', db: 'archive', kind, ...s });
    const deleted = await readLiqSum(e.db, [symbol], '1hour', from, to);
    expect(Array.from(deleted.covered).every((c) => c === 0)).toBe(true);
    const back = e.clock.now();
    await e.clock.runUntil(
      () => e.fake.log.slice(sent).some((r) => r.status === 200 && r.symbols?.includes(symbol)),
      10_000,
    );
    expect(e.clock.now() - back).toBeLessThanOrEqual(10_000);
    await e.clock.settle();
    const again = await readLiqSum(e.db, [symbol], '1hour', from, to);
    for (let i = 0; i < again.long.length; i++) {
      expect(again.covered[i]).toBe(1);
      expect(again.long[i]).toBeCloseTo(e.fake.truth(symbol, '1hour', from + i * H)[0], 4);
    }
    engine.stop();
  }, 60_000);
});
