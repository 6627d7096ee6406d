import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_HEADER } from '../../../../../src/core/csv/archive';
import type { Notice } from '../../../../../src/core/notices';
import type { NoticeBus } from '../../../../../src/platform/notice-bus';
import { AbortRegistry } from '../../../../../src/workers/cancel';
import { createCsvApi } from '../../../../../src/workers/fetch/csv/csv-api';
import { createStoredDataApi } from '../../../../../src/workers/fetch/stored-data';

/** 2024-06-03T00:00:00Z. */
const T0 = 1_717_372_800;
const H = 3600;
const iso = (t: number) => `${new Date(t * 1000).toISOString().slice(0, 19)}Z`;

function recordingBus(): NoticeBus & { posted: Notice[] } {
  const posted: Notice[] = [];
  return { posted, post: (n) => posted.push(n), subscribe: () => () => {} };
}

// Charts in every tab re-read open interest and funding on `context-changed`, and liquidations on `data-changed`:
// an import or a delete must say which it touched, or open panes go stale.
describe('imports and deletes announce open interest and funding as context changes', () => {
  it('an archive import, then deleting it, posts context-changed for OI and funding and data-changed for liquidations', async () => {
    const names = 'BTCUSDT_PERP.A,A,STABLE';
    const text = [
      ARCHIVE_HEADER,
      `coverage_liq,1hour,${names},${iso(T0)},${T0},,,,,,,,${T0 + 2 * H},`,
      `coverage_oi,1hour,${names},${iso(T0)},${T0},,,,,,,,${T0 + 2 * H},`,
      `coverage_funding,1hour,${names},${iso(T0)},${T0},,,,,,,,${T0 + 2 * H},`,
      `liq,1hour,${names},${iso(T0)},${T0},5,6,,,,,,,`,
      `oi,1hour,${names},${iso(T0)},${T0},,,1,2,0.5,1.5,,,`,
      `funding,1hour,${names},${iso(T0 + H)},${T0 + H},,,0.01,0.02,-0.01,0.005,,,`,
      '',
    ].join('\n');
    const bus = recordingBus();
    const csv = createCsvApi(new AbortRegistry(), bus);
    const preview = await csv.csvDryRun(new Blob([text]), { format: 'archive' }, () => {});
    expect(preview.fatal).toBeNull();
    expect(preview.newPoints).toBe(6); // two hours each of liquidations, open interest and funding
    await csv.csvCommit(preview.id);
    const span = { db: 'archive', interval: '1hour', symbols: ['BTCUSDT_PERP.A'], from: T0, to: T0 + 2 * H };
    expect(bus.posted).toEqual([
      { type: 'data-changed', kind: 'liq', ...span },
      { type: 'context-changed', kind: 'oi', ...span },
      { type: 'context-changed', kind: 'funding', ...span },
    ]);
    bus.posted.length = 0;
    const removed = await createStoredDataApi(bus).storedDelete({ symbol: null, from: null, to: null });
    expect(removed).toEqual({
      liqPoints: 2,
      candlePoints: 0,
      oiPoints: 2,
      fundingPoints: 2,
      predictedPoints: 0,
      series: 3,
    });
    // One notice per kind, in storage order.
    expect(bus.posted).toHaveLength(3);
    expect(bus.posted).toEqual(
      expect.arrayContaining([
        { type: 'data-changed', kind: 'liq', ...span },
        { type: 'context-changed', kind: 'oi', ...span },
        { type: 'context-changed', kind: 'funding', ...span },
      ]),
    );
  });
});
