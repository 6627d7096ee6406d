/**
 * The real datasets in ../shared/data/real as BarFrames (see that folder's README for provenance and quirks):
 * Binance BTCUSDT-perp hourly 2024-06 → 08, Coinalyze multi-exchange daily 2022 → 2024, Binance BTCUSDT-perp
 * daily 2020 → 2025. A missing file throws: tests that need the data fail, they never skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertDemo } from '../../src/core/demo/convert';
import type { Timeframe } from '../../src/core/intervals';
import type { BarFrame } from '../../src/core/series';
import { emptyCandles, emptyLiq } from '../../src/core/series';
import { unixSeconds } from '../../src/core/time';
import { demoBarFrame } from './demo-frame';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The brief's path is ../shared from the repo root; worktrees sit one level deeper, so try ../../shared too.
const candidates = [
  resolve(repoRoot, '..', 'shared', 'data', 'real'),
  resolve(repoRoot, '..', '..', 'shared', 'data', 'real'),
];
/** The real-data folder (the first candidate when none exists, so the error names the expected place). */
export const REAL_DIR = candidates.find((d) => existsSync(d)) ?? (candidates[0] as string);

const FILES = {
  hourlyLiq: 'coinalyze_binance_btcusdt_perp_liq_btc_1h_2024-06_2024-08.csv',
  hourlyOhlcv: 'coinalyze_binance_btcusdt_perp_ohlcv_1h_2024-06_2024-08.csv',
  multiDaily: 'coinalyze_btc_perps_multiexchange_liq_usd_daily_2022-01_2024-09.csv',
  binanceDaily: 'coinalyze_binance_btcusdt_perp_liq_btc_daily_2020-04_2025-04.csv',
  spotDaily: 'binance_btcusdt_spot_ohlcv_1d_2018-01_2025-11.csv',
} as const;

function read(name: keyof typeof FILES): string {
  const path = resolve(REAL_DIR, FILES[name]);
  if (!existsSync(path)) throw new Error(`real data missing: ${path} (tests on real data fail without it)`);
  return readFileSync(path, 'utf8');
}

/** One real dataset, framed for the detector. */
export interface RealDataset {
  id: 'binance-1h' | 'multi-1d' | 'binance-1d';
  title: string;
  timeframe: Timeframe;
  frame: BarFrame;
  /** UTC days of the stress episodes the README lists: alarms there are not counted as false. */
  stressDays: string[];
}

function day(label: string): number {
  return Date.parse(`${label.slice(0, 10)}T00:00:00Z`) / 1000;
}

/** Binance spot daily candles (file 2b) keyed by UTC day start. */
function spotDaily(): Map<number, { o: number; h: number; l: number; c: number; v: number }> {
  const lines = read('spotDaily').trim().split('\n');
  const head = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`spot candles: no "${name}" column`);
    return i;
  };
  const [ti, oi, hi, li, ci, vi] = ['open time', 'open', 'high', 'low', 'close', 'volume'].map(col);
  const out = new Map<number, { o: number; h: number; l: number; c: number; v: number }>();
  for (const line of lines.slice(1)) {
    const c = line.split(',');
    const num = (i: number | undefined) => Number(c[i ?? -1]);
    out.set(day(c[ti ?? 0] ?? ''), { o: num(oi), h: num(hi), l: num(li), c: num(ci), v: num(vi) });
  }
  return out;
}

/** A dense daily frame from rows of (day, long USD, short USD), with spot candles joined. */
function dailyFrame(rows: { t: number; l: number; s: number }[]): BarFrame {
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
  const spot = spotDaily();
  for (let i = 0; i < n; i++) {
    const k = spot.get(start + i * 86400);
    if (!k) continue;
    candles.open[i] = k.o;
    candles.high[i] = k.h;
    candles.low[i] = k.l;
    candles.close[i] = k.c;
    candles.volume[i] = k.v;
  }
  return { start: unixSeconds(start), step: 86400, liq, candles };
}

/** Multi-exchange daily (2a): sums the _long/_short columns per day and sorts the rows (the last five are out of order). */
export function loadMultiDaily(): BarFrame {
  const lines = read('multiDaily').trim().split('\n');
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
  return dailyFrame(rows);
}

/** Binance BTCUSDT-perp daily (4), converted from BTC to USD with the Binance spot daily close (2b). */
export function loadBinanceDaily(): BarFrame {
  const spot = spotDaily();
  const lines = read('binanceDaily').trim().split('\n');
  const rows = lines.slice(1).map((line) => {
    const [t = '', l = '', s = ''] = line.split(',');
    const close = spot.get(day(t))?.c;
    if (close === undefined || !Number.isFinite(close))
      throw new Error(`binance daily: no spot close for ${t}`);
    return { t: day(t), l: Number(l) * close, s: Number(s) * close };
  });
  return dailyFrame(rows);
}

/** Binance BTCUSDT-perp hourly (3a + 3b) through the demo converter: UTC+6 labels, duplicates, BTC → USD. */
export function loadBinanceHourly(): BarFrame {
  return demoBarFrame(convertDemo(read('hourlyLiq'), read('hourlyOhlcv')));
}

/** Every real dataset the project has, with the stress days its README lists. */
export function realDatasets(): RealDataset[] {
  return [
    {
      id: 'binance-1h',
      title: 'Binance BTCUSDT perp, hourly, 2024-06-19 → 2024-08-19',
      timeframe: '1h',
      frame: loadBinanceHourly(),
      stressDays: ['2024-07-04', '2024-08-05'],
    },
    {
      id: 'multi-1d',
      title: '12 BTC perps on 7 exchanges, daily, 2022-01-02 → 2024-09-20',
      timeframe: '1D',
      frame: loadMultiDaily(),
      stressDays: ['2022-01-21', '2022-06-13', '2022-11-09', '2023-08-17', '2024-03-05', '2024-08-05'],
    },
    {
      id: 'binance-1d',
      title: 'Binance BTCUSDT perp, daily, 2020-04-15 → 2025-04-29',
      timeframe: '1D',
      frame: loadBinanceDaily(),
      stressDays: ['2021-05-19', '2022-06-13', '2022-11-09', '2024-08-05'],
    },
  ];
}
