/**
 * Liquidations in bp of open interest against pandas (scripts/oracles/liq_bp_oracle.py), through the app's own
 * path: per-contract 5-minute liquidations and open interest stored in IndexedDB, the chart's frame read and
 * binned (loadFrame), the open interest summed and put on the bars (readFrameOi, as the chart, the alerts, the
 * study and the CSV read it; a bar whose sum misses a contract that reported the day before is not divided by),
 * divided by the core function. Tolerance: 1e-12 relative (sums of a few values;
 * pandas adds in another order), NaN exactly where pandas has NaN.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liqBpOfOi } from '../../../../src/core/context/liq-bp';
import type { Timeframe } from '../../../../src/core/intervals';
import { writeContextRange } from '../../../../src/storage/context-repo';
import { openLiqLabDb } from '../../../../src/storage/open';
import { writeLiqRange } from '../../../../src/storage/series-repo';
import { readFrameOi } from '../../../../src/workers/compute/context-frame';
import { loadFrame } from '../../../../src/workers/compute/frame-loader';
import { testMarket } from '../../../helpers/markets';

type Col = Array<number | null>;
interface Bars {
  step: number;
  oiOpen: Col;
  oiScoreOpen: Col;
  bpLong: Col;
  bpShort: Col;
  bpTotal: Col;
}
const fx = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/liq-bp-of-oi.json'), 'utf8')) as {
  start: number;
  step: number;
  contracts: number;
  gapFrom: number;
  gapTo: number;
  long: Col[];
  short: Col[];
  oiOpen: Col[];
  oiClose: Col[];
  bars: Bars[];
};

const SYMBOLS = ['A1.A', 'B1.B', 'C1.C', 'D1.D'];

async function archive() {
  const db = await openLiqLabDb(`liq-bp-oracle-${Math.random()}`);
  const n = fx.long[0]?.length ?? 0;
  const end = fx.start + n * fx.step;
  for (let k = 0; k < fx.contracts; k++) {
    const symbol = SYMBOLS[k] ?? '';
    await db.put('markets', testMarket(symbol, symbol.slice(-1)));
    const liq = [];
    const oi = [];
    for (let i = 0; i < n; i++) {
      const t = fx.start + i * fx.step;
      const l = fx.long[k]?.[i] ?? 0;
      const s = fx.short[k]?.[i] ?? 0;
      // The API omits empty buckets; inside the fetched range they are zero.
      if ((l !== 0 || s !== 0) && (t < fx.gapFrom || t >= fx.gapTo)) liq.push({ t, l, s });
      const o = fx.oiOpen[k]?.[i] ?? null;
      const c = fx.oiClose[k]?.[i] ?? null;
      if (o !== null && c !== null) oi.push({ t, o, h: Math.max(o, c), l: Math.min(o, c), c });
    }
    // Two fetched ranges around the gap: no contract covers it.
    await writeLiqRange(
      db,
      symbol,
      '5min',
      fx.start,
      fx.gapFrom,
      liq.filter((p) => p.t < fx.gapFrom),
    );
    await writeLiqRange(
      db,
      symbol,
      '5min',
      fx.gapTo,
      end,
      liq.filter((p) => p.t >= fx.gapTo),
    );
    await writeContextRange(db, 'oi', symbol, '5min', fx.start, end, oi);
  }
  return db;
}

function expectClose(got: number, want: number | null | undefined, what: string): void {
  if (want === null || want === undefined) expect(got, what).toBeNaN();
  else expect(Math.abs(got - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-12 * Math.abs(want));
}

describe('liquidations in bp of open interest vs pandas (scripts/oracles/liq_bp_oracle.py)', () => {
  it.each([
    ['15m', 900],
    ['1h', 3600],
  ] as const)('%s bars: OI at the bar open, bp of longs, shorts and both, gaps where pandas has NaN', async (tf: Timeframe, step) => {
    const db = await archive();
    const want = fx.bars.find((b) => b.step === step);
    if (!want) throw new Error(`no ${tf} bars in the fixture`);
    const { frame } = await loadFrame(db, {
      source: 'archive',
      asset: 'BTC',
      timeframe: tf,
      filter: { kind: 'all' },
      referenceSymbol: 'A1.A',
    });
    const n = frame.liq.long.length;
    const oi = await readFrameOi(db, { start: frame.start, step: frame.step, n }, 'BTC', { kind: 'all' });
    if (!oi) throw new Error('no open interest read');
    const bp = {
      long: liqBpOfOi(frame.liq, oi.scoreOpen, 'long'),
      short: liqBpOfOi(frame.liq, oi.scoreOpen, 'short'),
      total: liqBpOfOi(frame.liq, oi.scoreOpen, 'total'),
    };
    let checked = 0;
    let gaps = 0;
    for (let j = 0; j < want.bpTotal.length; j++) {
      const i = (fx.start + j * step - frame.start) / step;
      expect(Number.isInteger(i) && i >= 0 && i < n, `bar ${j} inside the frame`).toBe(true);
      expectClose(oi.level.open[i] ?? Number.NaN, want.oiOpen[j], `${tf} OI at bar ${j}`);
      expectClose(oi.scoreOpen[i] ?? Number.NaN, want.oiScoreOpen[j], `${tf} scored OI at bar ${j}`);
      expectClose(bp.long[i] ?? Number.NaN, want.bpLong[j], `${tf} long bp at bar ${j}`);
      expectClose(bp.short[i] ?? Number.NaN, want.bpShort[j], `${tf} short bp at bar ${j}`);
      expectClose(bp.total[i] ?? Number.NaN, want.bpTotal[j], `${tf} bp at bar ${j}`);
      checked++;
      if (want.bpTotal[j] === null) gaps++;
    }
    // Both kinds of gap are in there: the late open interest and its outage, and the liquidation fetch gap; and
    // bars whose open interest misses a contract, shown in the pane but not divided by.
    expect(checked).toBe(want.bpTotal.length);
    const partial = want.oiOpen.filter((v, j) => v !== null && want.oiScoreOpen[j] === null).length;
    expect(partial).toBeGreaterThan(0);
    expect(gaps).toBeGreaterThanOrEqual((8 * 3600) / step);
    db.close();
  });
});
