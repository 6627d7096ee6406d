/**
 * Real open interest (test/fixtures/real-oi, provenance in its README): Coinalyze daily OI in USD of the twelve
 * BTC perpetuals of the multi-exchange liquidation file, 2022-01-02 → 2024-09-20. Each row is a day's close; the
 * open interest at a day's open is the previous day's close (the first day has none: a gap).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BarFrame } from '../../src/core/series';

const FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'real-oi',
  'coinalyze_btc_perps_oi_usd_daily_2022-01_2024-09.csv',
);

/** The fixture's column of the Binance BTCUSDT perpetual (Coinalyze BTCUSDT_PERP.A). */
export const BINANCE_USDT = 'BTC/USDT - Binance';

/** Day closes by UTC day start, one map per column (the twelve contracts). */
export function realOiCloses(): Map<string, Map<number, number>> {
  const lines = readFileSync(FILE, 'utf8').trim().split('\n');
  const header = (lines[0] ?? '').split(',');
  const out = new Map<string, Map<number, number>>(header.slice(1).map((h) => [h, new Map()]));
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const t = Date.parse(`${cells[0]}T00:00:00Z`) / 1000;
    header.slice(1).forEach((h, k) => {
      const cell = cells[k + 1] ?? '';
      // An empty cell is a gap in that contract, never zero.
      if (cell !== '') out.get(h)?.set(t, Number(cell));
    });
  }
  return out;
}

/**
 * Open interest at the open of each daily bar of `frame`, summed over `columns` (all twelve by default): the
 * previous day's close; NaN where any of them has none (before 2022-01-03, after 2024-09-21).
 */
export function realOiOpen(
  frame: Pick<BarFrame, 'start' | 'step' | 'liq'>,
  columns?: readonly string[],
): Float64Array {
  if (frame.step !== 86400) throw new Error('real open interest is daily');
  const closes = realOiCloses();
  const cols = columns ?? [...closes.keys()];
  const n = frame.liq.long.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const prevDay = frame.start + (i - 1) * 86400;
    let sum = 0;
    for (const c of cols) sum += closes.get(c)?.get(prevDay) ?? Number.NaN;
    out[i] = sum;
  }
  return out;
}
