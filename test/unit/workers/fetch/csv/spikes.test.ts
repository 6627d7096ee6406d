import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { marketFromSymbol } from '../../../../../src/core/csv/contracts';
import { formatNumber } from '../../../../../src/core/csv/format';
import { parseCsv } from '../../../../../src/core/csv/parser';
import { spikeScores } from '../../../../../src/core/csv/spike-columns';
import { detectSpikes } from '../../../../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS } from '../../../../../src/core/spikes/params';
import { writeLiqRange } from '../../../../../src/storage/series-repo';
import { loadFrame } from '../../../../../src/workers/compute/frame-loader';
import { exportBars } from '../../../../../src/workers/fetch/csv/export-bars';
import { freshDb } from './helpers';

const H = 3600;
const BARS = 1000;
const SPIKE = 800;

describe('bars export spike columns', () => {
  it('carry the robust z of each side and the event label of the bars inside a spike event', async () => {
    const db = await freshDb();
    await db.put('markets', marketFromSymbol('BTCUSDT_PERP.A', 'STABLE'));
    let seed = 7;
    const noise = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return 1000 + (seed % 1000);
    };
    const points = Array.from({ length: BARS }, (_, i) => ({
      t: i * H,
      l: i === SPIKE ? 5e6 : noise(),
      s: i === SPIKE ? 4e6 : noise(),
    }));
    await writeLiqRange(db, 'BTCUSDT_PERP.A', '1hour', 0, BARS * H, points);
    const req = {
      kind: 'bars' as const,
      source: 'archive' as const,
      asset: 'BTC',
      timeframe: '1h' as const,
      filter: { kind: 'all' as const },
      referenceSymbol: 'BTCUSDT_PERP.A',
      from: 500 * H,
      to: null,
    };
    const parts: Uint8Array[] = [];
    const sink = async (b: Uint8Array) => {
      parts.push(b);
    };
    await exportBars(
      db,
      req,
      sink,
      () => {},
      async () => {},
      spikeScores(DEFAULT_SPIKE_PARAMS),
    );
    const rows = parseCsv(Buffer.concat(parts).toString('utf8')).slice(1);
    const { frame } = await loadFrame(db, req);
    const d = detectSpikes(frame, '1h', DEFAULT_SPIKE_PARAMS);
    db.close();

    expect(rows).toHaveLength(BARS - 500);
    // z is the detector's own value for that bar (scored on the whole frame, not just the exported range).
    for (const r of rows) {
      const i = Number(r[1]) / H;
      expect([r[15], r[16]]).toEqual([
        formatNumber(d.long.z[i] ?? Number.NaN),
        formatNumber(d.short.z[i] ?? Number.NaN),
      ]);
    }
    const spike = rows.find((r) => r[1] === String(SPIKE * H));
    expect(Number(spike?.[15])).toBeGreaterThan(DEFAULT_SPIKE_PARAMS.zThreshold);
    expect(Number(spike?.[16])).toBeGreaterThan(DEFAULT_SPIKE_PARAMS.zThreshold);
    expect(spike?.[17]).toMatch(
      /^long (onset|continuation|extreme|seasonal); short (onset|continuation|extreme|seasonal)$/,
    );
    // Quiet bars carry z but no event label.
    const quiet = rows.find((r) => r[1] === String(700 * H));
    expect(quiet?.[15]).not.toBe('');
    expect(quiet?.[17]).toBe('');
    // Exactly the bars inside an event's span are labelled.
    const inEvent = new Set<string>();
    for (const e of d.events)
      for (let i = e.firstIndex; i <= (e.lastIndex ?? e.firstIndex); i++) inEvent.add(String(i * H));
    expect(rows.filter((r) => r[17] !== '').map((r) => r[1])).toEqual(
      rows.map((r) => r[1]).filter((t) => t !== undefined && inEvent.has(t)),
    );
  });
});
