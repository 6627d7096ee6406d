import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { liqBpOfOi } from '../../../../../src/core/context/liq-bp';
import { barsHeaderExchanges } from '../../../../../src/core/csv/bars';
import { marketFromSymbol } from '../../../../../src/core/csv/contracts';
import { formatNumber } from '../../../../../src/core/csv/format';
import { parseCsv } from '../../../../../src/core/csv/parser';
import { spikeScores } from '../../../../../src/core/csv/spike-columns';
import { detectSpikes } from '../../../../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS } from '../../../../../src/core/spikes/params';
import { writeContextRange } from '../../../../../src/storage/context-repo';
import { writeLiqRange } from '../../../../../src/storage/series-repo';
import { readFrameOi } from '../../../../../src/workers/compute/context-frame';
import { loadFrame } from '../../../../../src/workers/compute/frame-loader';
import { exportBars } from '../../../../../src/workers/fetch/csv/export-bars';
import { rng } from '../../../../helpers/random-frame';
import { freshDb, importInto } from './helpers';

const H = 3600;
const T0 = 1_704_067_200; // 2024-01-01: the importer refuses times before 2010
const BARS = 600;
const OI_FROM = 100; // open interest begins 100 hours after the liquidations
const OI_GAP = 400; // and one hour of it is missing
const SYMBOL = 'BTCUSDT_PERP.A';
const BP = { ...DEFAULT_SPIKE_PARAMS, scoreBasis: 'bpOfOi' as const };

async function archive() {
  const db = await freshDb();
  await db.put('markets', marketFromSymbol(SYMBOL, 'STABLE'));
  const r = rng(3);
  const liq = Array.from({ length: BARS }, (_, i) => ({
    t: T0 + i * H,
    l: 1e5 * Math.exp(3 * r()),
    s: 1e5 * r(),
  }));
  await writeLiqRange(db, SYMBOL, '1hour', T0, T0 + BARS * H, liq);
  const oi = [];
  for (let i = OI_FROM; i < BARS; i++) {
    const v = 5e9 * (1 + i / BARS);
    if (i !== OI_GAP) oi.push({ t: T0 + i * H, o: v, h: v * 1.01, l: v * 0.99, c: v * 1.001 });
  }
  await writeContextRange(db, 'oi', SYMBOL, '1hour', T0 + OI_FROM * H, T0 + BARS * H, oi);
  return db;
}

async function exported(db: Awaited<ReturnType<typeof archive>>, params = DEFAULT_SPIKE_PARAMS) {
  const parts: Uint8Array[] = [];
  const req = {
    kind: 'bars' as const,
    source: 'archive' as const,
    asset: 'BTC',
    timeframe: '1h' as const,
    filter: { kind: 'all' as const },
    referenceSymbol: SYMBOL,
    from: null,
    to: null,
  };
  await exportBars(
    db,
    req,
    async (b) => {
      parts.push(b);
    },
    () => {},
    async () => {},
    spikeScores(params),
  );
  const text = Buffer.concat(parts).toString('utf8');
  return { text, rows: parseCsv(text) };
}

describe('bars CSV: liq_bp_of_oi', () => {
  it('is total USD in bp of the open interest at the bar open, empty where that is missing', async () => {
    const db = await archive();
    const { rows } = await exported(db);
    const header = rows[0] ?? [];
    const col = header.indexOf('liq_bp_of_oi');
    expect(col).toBe(22); // after event and the four OI/funding columns
    const { frame } = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '1h',
      filter: { kind: 'all' },
      referenceSymbol: SYMBOL,
    });
    const oi = await readFrameOi(db, { ...frame, n: frame.liq.long.length }, 'BTC', { kind: 'all' });
    if (!oi) throw new Error('no open interest read');
    const bp = liqBpOfOi(frame.liq, oi.scoreOpen, 'total');
    const body = rows.slice(1);
    expect(body).toHaveLength(BARS);
    for (const row of body) {
      const i = (Number(row[1]) - frame.start) / H;
      expect(row[col]).toBe(formatNumber(bp[i] ?? Number.NaN));
    }
    const cell = (i: number) => body.find((r) => r[1] === String(T0 + i * H))?.[col];
    // Before the open interest begins and at its missing hour: empty, never 0.
    expect(cell(0)).toBe('');
    expect(cell(OI_FROM - 1)).toBe('');
    expect(cell(OI_GAP)).toBe('');
    const usd = Number(body.find((r) => r[1] === String(T0 + OI_FROM * H))?.[10]);
    expect(Number(cell(OI_FROM))).toBeCloseTo((usd / (5e9 * (1 + OI_FROM / BARS))) * 1e4, 9);
    db.close();
  });

  it('with the bp score chosen, the spike columns score the same bp; the file still imports', async () => {
    const db = await archive();
    const { text, rows } = await exported(db, BP);
    const { frame } = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '1h',
      filter: { kind: 'all' },
      referenceSymbol: SYMBOL,
    });
    const oi = await readFrameOi(db, { ...frame, n: frame.liq.long.length }, 'BTC', { kind: 'all' });
    const d = detectSpikes({ ...frame, oiOpen: oi?.scoreOpen ?? new Float64Array(0) }, '1h', BP);
    for (const row of rows.slice(1)) {
      const i = (Number(row[1]) - frame.start) / H;
      expect(row[15]).toBe(formatNumber(d.long.z[i] ?? Number.NaN));
    }
    // Bars before the open interest have no score at all under bp.
    expect(rows.slice(1, OI_FROM + 1).every((r) => r[15] === '' && r[16] === '')).toBe(true);
    db.close();
    const into = await freshDb();
    const { batch, diff } = await importInto(into, text, { format: 'bars' });
    expect(batch.fatal).toBeNull();
    expect(batch.rejected).toEqual([]);
    expect(diff?.newPoints).toBeGreaterThan(0);
    into.close();
    // A bars file from before the column is still a bars file.
    const old = (rows[0] ?? []).slice(0, 18).join(',');
    expect(barsHeaderExchanges(old)).toEqual([]);
    expect(barsHeaderExchanges(`${old},ex_A_long_usd,ex_A_short_usd`)).toEqual(['A']);
    expect(barsHeaderExchanges(`${(rows[0] ?? []).join(',')},ex_A_long_usd,ex_A_short_usd`)).toEqual(['A']);
  });
});
