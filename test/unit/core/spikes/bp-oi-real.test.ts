/**
 * The USD score against the bp-of-open-interest score on real data (docs/method.md, "USD or bp of open
 * interest"; the tables are `node scripts/bp-oi-compare.mjs`): the daily liquidation files of ../shared/data/real
 * against the real daily open interest in test/fixtures/real-oi. A missing file fails, never skips.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpikeEvent } from '../../../../src/core/events';
import { unixSeconds } from '../../../../src/core/time';
import { compareScores } from '../../../helpers/bp-compare';
import { loadBinanceDaily, loadMultiDaily } from '../../../helpers/real-data';
import { BINANCE_USDT, realOiCloses, realOiOpen } from '../../../helpers/real-oi';
import { isoDay } from '../../../helpers/real-report';

const FIXTURE = resolve(
  __dirname,
  '../../../fixtures/real-oi/coinalyze_btc_perps_oi_usd_daily_2022-01_2024-09.csv',
);

const days = (es: readonly SpikeEvent[]) => es.map((e) => `${isoDay(e.firstTime)} ${e.side}`);

describe('real open interest (test/fixtures/real-oi)', () => {
  it('is the file its README describes, and moves as open interest does on the liquidation file’s cascades', () => {
    const sha = createHash('sha256').update(readFileSync(FIXTURE)).digest('hex');
    expect(sha).toBe('77f149696e1bc92c4f7fb5419c9afa4b43be2c1a313ae528f47d8992a469d306');
    const closes = realOiCloses();
    expect(closes.size).toBe(12);
    for (const c of closes.values()) expect(c.size).toBe(993); // 2022-01-02 → 2024-09-20, no gap
    // On each of the ten largest long-liquidation days of the (independently fetched) liquidation file, the
    // summed open interest fell: forced closes shrink it. Synthetic or misaligned data would not do that.
    const frame = loadMultiDaily();
    const next = { ...frame, start: unixSeconds(frame.start + 86400) }; // opens of the next day = closes of this one
    const open = realOiOpen(frame);
    const close = realOiOpen(next);
    const order = Array.from(frame.liq.long.keys()).sort(
      (a, b) => (frame.liq.long[b] ?? 0) - (frame.liq.long[a] ?? 0),
    );
    for (const i of order.slice(0, 10)) {
      const fall = ((close[i] ?? Number.NaN) - (open[i] ?? Number.NaN)) / (open[i] ?? Number.NaN);
      expect(fall, isoDay(frame.start + i * 86400)).toBeLessThan(-0.04);
    }
  });
});

describe('USD score vs bp-of-open-interest score on real daily data', () => {
  it('12 perps on 7 exchanges, OI summed over the same 12: the USD score drifts with the size of the market', () => {
    const frame = loadMultiDaily();
    const c = compareScores(frame, realOiOpen(frame), '1D');
    expect(isoDay(frame.start + c.from * 86400)).toBe('2022-03-19');
    expect(c.to - c.from).toBe(917);
    expect([c.usd.length, c.bp.length, c.both.length, c.usdOnly.length, c.bpOnly.length]).toEqual([
      22, 13, 11, 11, 2,
    ]);
    expect(days(c.bpOnly)).toEqual(['2022-05-12 short', '2023-03-13 short']);
    // The cascades of the data README are flagged either way.
    for (const d of ['2022-06-13 long', '2022-11-08 long', '2023-08-17 long', '2024-08-05 long'])
      expect(days(c.both.map((p) => p.bp))).toContain(d);
    // Every event only the USD score flags came at a larger open interest than every one only bp flags.
    const oi = realOiOpen(frame);
    const at = (e: SpikeEvent) => oi[e.firstIndex] ?? Number.NaN;
    expect(Math.min(...c.usdOnly.map(at))).toBeGreaterThan(Math.max(...c.bpOnly.map(at)));
    expect(c.usdOnly.every((e) => e.firstTime >= Date.parse('2023-03-01') / 1000)).toBe(true);
  });

  it('Binance BTCUSDT perp against its own OI: the same split, on one contract', () => {
    const frame = loadBinanceDaily();
    const oi = realOiOpen(frame, [BINANCE_USDT]);
    const c = compareScores(frame, oi, '1D');
    expect(isoDay(frame.start + c.start * 86400)).toBe('2022-01-03');
    expect([c.usd.length, c.bp.length, c.both.length, c.usdOnly.length, c.bpOnly.length]).toEqual([
      37, 30, 26, 11, 4,
    ]);
    const at = (e: SpikeEvent) => oi[e.firstIndex] ?? Number.NaN;
    expect(Math.min(...c.usdOnly.map(at))).toBeGreaterThan(Math.max(...c.bpOnly.map(at)));
  });
});
