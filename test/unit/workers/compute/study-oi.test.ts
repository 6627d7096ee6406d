/**
 * The study worker's calls with open interest: the HTF panel's ΔOI per bin (summed over the filter, gaps as gaps)
 * and its z under the bp score, and the study grouping events by their size in bp of open interest.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEVEL_PARAMS } from '../../../../src/core/levels/params';
import { detectSpikes } from '../../../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS } from '../../../../src/core/spikes/params';
import { writeContextRange } from '../../../../src/storage/context-repo';
import { ARCHIVE_DB, openLiqLabDb } from '../../../../src/storage/open';
import { writeCandles, writeLiqRange } from '../../../../src/storage/series-repo';
import { readFrameOi } from '../../../../src/workers/compute/context-frame';
import { loadFrame } from '../../../../src/workers/compute/frame-loader';
import { studyApi } from '../../../../src/workers/compute/study/study-api';
import { testMarket } from '../../../helpers/markets';
import { rng } from '../../../helpers/random-frame';

const H = 3600;
const T0 = 1_704_067_200; // 2024-01-01
const BARS = 60 * 24;
const GAP = BARS - 5; // one hour of the second contract's open interest is missing
const markets = [testMarket('A1.A', 'A'), testMarket('B1.B', 'B')];
const BP = { ...DEFAULT_SPIKE_PARAMS, scoreBasis: 'bpOfOi' as const };
const request = {
  source: 'archive' as const,
  asset: 'BTC',
  filter: { kind: 'all' as const },
  referenceSymbol: 'A1.A',
};

/** 60 days of hourly liquidations with bursts, candles, and the two contracts' hourly open interest. */
async function archive() {
  const db = await openLiqLabDb(ARCHIVE_DB);
  const r = rng(17);
  let price = 60000;
  const candles = [];
  for (let i = 0; i < BARS; i++) {
    const o = price;
    price *= Math.exp((r() - 0.5) * 0.01);
    candles.push({
      t: T0 + i * H,
      o,
      h: Math.max(o, price) * 1.002,
      l: Math.min(o, price) * 0.998,
      c: price,
      v: 1,
    });
  }
  await writeCandles(db, 'A1.A', '1hour', T0, T0 + BARS * H, candles);
  for (const [k, m] of markets.entries()) {
    await db.put('markets', m);
    const liq = Array.from({ length: BARS }, (_, i) => ({
      t: T0 + i * H,
      l: (r() < 0.02 ? 3e7 : 1e5) * Math.exp(2 * r()),
      s: (r() < 0.02 ? 3e7 : 1e5) * Math.exp(2 * r()),
    }));
    await writeLiqRange(db, m.symbol, '1hour', T0, T0 + BARS * H, liq);
    const oi = [];
    let level = 4e9 * (k + 1);
    for (let i = 0; i < BARS; i++) {
      const o = level;
      level *= Math.exp((r() - 0.5) * 0.02);
      if (!(k === 1 && i === GAP))
        oi.push({ t: T0 + i * H, o, h: Math.max(o, level), l: Math.min(o, level), c: level });
    }
    await writeContextRange(db, 'oi', m.symbol, '1hour', T0, T0 + BARS * H, oi);
  }
  return db;
}

describe('study worker with open interest', () => {
  it('HTF: ΔOI per bin summed over the filter, a gap where a contract is missing; z of the bp score', async () => {
    const db = await archive();
    const rows = await studyApi.loadHtf({
      ...request,
      timeframes: ['1h', '4h'],
      lastN: 12,
      detection: { spikes: BP, levels: DEFAULT_LEVEL_PARAMS },
    });
    for (const row of rows) {
      const { frame } = await loadFrame(db, { ...request, timeframe: row.timeframe });
      const n = frame.liq.long.length;
      const oi = await readFrameOi(db, { ...frame, n }, request.asset, request.filter);
      if (!oi) throw new Error('no open interest');
      row.times.forEach((t, k) => {
        const i = (t - frame.start) / frame.step;
        const want = (oi.level.close[i] ?? Number.NaN) - (oi.level.close[i - 1] ?? Number.NaN);
        const sameContracts = oi.level.count[i] === 2 && oi.level.count[i - 1] === 2;
        if (sameContracts) expect(row.oiChange[k]).toBeCloseTo(want, 3);
        else expect(row.oiChange[k], `${row.timeframe} bin ${k}`).toBeNaN();
      });
      const d = detectSpikes({ ...frame, oiOpen: oi.scoreOpen }, row.timeframe, BP);
      expect(row.zLong).toEqual(row.times.map((t) => d.long.z[(t - frame.start) / frame.step]));
    }
    // The hourly bin closing without the second contract, and the one after it: gaps, never a fall of $4B.
    const h1 = rows.find((r) => r.timeframe === '1h');
    const at = h1?.times.indexOf(T0 + GAP * H) ?? -1;
    expect(at).toBeGreaterThan(0);
    expect(h1?.oiChange[at]).toBeNaN();
    expect(h1?.oiChange[at + 1]).toBeNaN();
    expect(Number.isFinite(h1?.oiChange[at - 1])).toBe(true);
    db.close();
  });

  it('study: events grouped by their size in bp of open interest, split at tertiles', async () => {
    const db = await archive();
    const res = await studyApi.runStudy({
      ...request,
      timeframe: '1h',
      params: { groupBy: 'bpOfOi', placeboDraws: 20, bootstrap: 20, levelDraws: 2 },
      detection: { spikes: DEFAULT_SPIKE_PARAMS, levels: DEFAULT_LEVEL_PARAMS },
    });
    expect(res.events.length).toBeGreaterThan(5);
    const [lo, hi] = res.bpEdges;
    expect(lo).toBeLessThan(hi ?? Number.NaN);
    for (const e of res.events) {
      expect(Number.isFinite(e.bpOfOi)).toBe(true);
      const want = e.bpOfOi < (lo ?? 0) ? 'bp-low' : e.bpOfOi < (hi ?? 0) ? 'bp-mid' : 'bp-high';
      expect(e.bucket).toBe(want);
    }
    const buckets = new Set(res.summary.map((r) => r.bucket));
    expect([...buckets].sort()).toEqual(['all', 'bp-high', 'bp-low', 'bp-mid', 'bp-none']);
    // Grouped by z (the default), the same events fall into z buckets and no edges are reported.
    const byZ = await studyApi.runStudy({
      ...request,
      timeframe: '1h',
      params: { placeboDraws: 20, bootstrap: 20, levelDraws: 2 },
      detection: { spikes: DEFAULT_SPIKE_PARAMS, levels: DEFAULT_LEVEL_PARAMS },
    });
    expect(byZ.bpEdges).toEqual([]);
    expect(byZ.events.map((e) => e.id)).toEqual(res.events.map((e) => e.id));
    expect(byZ.summary.some((r) => r.bucket.startsWith('bp-'))).toBe(false);
    db.close();
  });
});
