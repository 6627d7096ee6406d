/** Loads the real Coinalyze daily multi-exchange file (../shared/data/real) as a BarFrame, candles from Binance spot. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BarFrame } from '../../src/core/series';
import { emptyCandles, emptyLiq } from '../../src/core/series';
import { unixSeconds } from '../../src/core/time';

const repoRoot = resolve(__dirname, '..', '..');
// The brief's path is ../shared from the repo root; worktrees sit one level deeper, so try ../../shared too.
const realDir =
  [
    resolve(repoRoot, '..', 'shared', 'data', 'real'),
    resolve(repoRoot, '..', '..', 'shared', 'data', 'real'),
  ].find((d) => existsSync(d)) ?? resolve(repoRoot, '..', 'shared', 'data', 'real');
export const DAILY_LIQ = resolve(
  realDir,
  'coinalyze_btc_perps_multiexchange_liq_usd_daily_2022-01_2024-09.csv',
);
const DAILY_CANDLES = resolve(realDir, 'binance_btcusdt_spot_ohlcv_1d_2018-01_2025-11.csv');

/** True when the shared real-data folder is present. */
export function hasRealData(): boolean {
  return existsSync(DAILY_LIQ);
}

function day(label: string): number {
  return Date.parse(`${label.slice(0, 10)}T00:00:00Z`) / 1000;
}

/** Sums the _long/_short columns per day, sorts the rows (the last five are out of order) and joins candles. */
export function loadRealDaily(): BarFrame {
  const lines = readFileSync(DAILY_LIQ, 'utf8').trim().split('\n');
  const header = (lines[0] ?? '').split(',');
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    let l = 0;
    let s = 0;
    header.forEach((h, k) => {
      const v = Number(cells[k] || 0);
      if (h.endsWith('_long')) l += v;
      else if (h.endsWith('_short')) s += v;
    });
    return { t: day(cells[0] ?? ''), l, s };
  });
  rows.sort((a, b) => a.t - b.t);
  const start = rows[0]?.t ?? 0;
  const n = Math.round(((rows[rows.length - 1]?.t ?? 0) - start) / 86400) + 1;
  const liq = emptyLiq(unixSeconds(start), 86400, n);
  for (const r of rows) {
    const i = Math.round((r.t - start) / 86400);
    liq.long[i] = r.l;
    liq.short[i] = r.s;
    liq.covered[i] = 1;
  }
  const candles = emptyCandles(unixSeconds(start), 86400, n);
  if (existsSync(DAILY_CANDLES)) {
    const cl = readFileSync(DAILY_CANDLES, 'utf8').trim().split('\n');
    const ch = (cl[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
    const col = (name: string) => ch.indexOf(name);
    const [ti, oi, hi, li, ci, vi] = ['open time', 'open', 'high', 'low', 'close', 'volume'].map(col);
    for (const line of cl.slice(1)) {
      const c = line.split(',');
      const i = Math.round((day(c[ti ?? 0] ?? '') - start) / 86400);
      if (i < 0 || i >= n) continue;
      candles.open[i] = Number(c[oi ?? -1]);
      candles.high[i] = Number(c[hi ?? -1]);
      candles.low[i] = Number(c[li ?? -1]);
      candles.close[i] = Number(c[ci ?? -1]);
      candles.volume[i] = Number(c[vi ?? -1]);
    }
  }
  return { start: unixSeconds(start), step: 86400, liq, candles };
}
