import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDemoAsset, encodeDemoAsset } from '../../../src/core/demo/asset';
import { convertDemo } from '../../../src/core/demo/convert';

const liq = [
  '2024-06-20 03:00:00,0.5,1.0', // 2024-06-19 21:00 UTC
  '2024-06-20 04:00:00,2,0',
  '2024-06-20 04:00:00,2,0', // duplicate copy
  // 05:00 missing: must become zero
  '2024-06-20 06:00:00,0,3',
].join('\n');
const ohlcv = [
  '2024-06-20 03:00:00,100,110,90,100,1,0,0,0',
  '2024-06-20 04:00:00,100,120,95,110,2,0,0,0',
  '2024-06-20 05:00:00,110,111,100,105,3,0,0,0',
  '2024-06-20 06:00:00,105,106,99,102,4,0,0,0',
].join('\n');

describe('demo conversion', () => {
  const frame = convertDemo(liq, ohlcv);

  it('shifts the UTC+6 labels to UTC', () => {
    expect(new Date(frame.start * 1000).toISOString()).toBe('2024-06-19T21:00:00.000Z');
    expect(frame.step).toBe(3600);
  });

  it('converts BTC to USD with the same hour close', () => {
    expect(Array.from(frame.longUsd)).toEqual([50, 220, 0, 0]);
    expect(Array.from(frame.shortUsd)).toEqual([100, 0, 0, 306]);
  });

  it('drops duplicate rows and zeroes missing hours, and says so', () => {
    expect(frame.report).toEqual({ duplicatesDropped: 1, missingHoursZeroed: 1, rows: 4 });
  });

  it('rejects a malformed line with its line number', () => {
    expect(() => convertDemo('2024-06-20 03:00:00,abc,1', ohlcv)).toThrow(/liquidations line 1/);
  });

  it('round-trips through the binary asset exactly', () => {
    const meta = { symbol: 'X', exchange: 'A', margined: 'STABLE' as const, attribution: 'a', licence: 'l' };
    const bytes = encodeDemoAsset(frame, meta);
    const back = decodeDemoAsset(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    expect(back.meta).toEqual(meta);
    expect(Array.from(back.close)).toEqual(Array.from(frame.close));
    expect(Array.from(back.longUsd)).toEqual(Array.from(frame.longUsd));
  });

  it('converts the real recorded files as their README describes', () => {
    const dir = resolve(__dirname, '../../../../shared/data/real');
    const real = convertDemo(
      readFileSync(resolve(dir, 'coinalyze_binance_btcusdt_perp_liq_btc_1h_2024-06_2024-08.csv'), 'utf8'),
      readFileSync(resolve(dir, 'coinalyze_binance_btcusdt_perp_ohlcv_1h_2024-06_2024-08.csv'), 'utf8'),
    );
    expect(real.report).toEqual({ duplicatesDropped: 19, missingHoursZeroed: 19, rows: 1465 });
    // README: the 2024-08-05 crash hour, labelled 07:00 (UTC+6), is 01:00 UTC with 152.0 BTC of longs.
    const crash = (Date.UTC(2024, 7, 5, 1) / 1000 - real.start) / 3600;
    const close = real.close[crash] ?? 0;
    expect((real.longUsd[crash] ?? 0) / close).toBeCloseTo(152.0, 0);
  });

  it('matches the committed demo asset byte for byte (the asset is built by the script, not by hand)', () => {
    const dir = resolve(__dirname, '../../../../shared/data/real');
    const real = convertDemo(
      readFileSync(resolve(dir, 'coinalyze_binance_btcusdt_perp_liq_btc_1h_2024-06_2024-08.csv'), 'utf8'),
      readFileSync(resolve(dir, 'coinalyze_binance_btcusdt_perp_ohlcv_1h_2024-06_2024-08.csv'), 'utf8'),
    );
    const committed = readFileSync(resolve(__dirname, '../../../public/demo/btcusdt-perp-1h.bin'));
    const asset = decodeDemoAsset(
      committed.buffer.slice(
        committed.byteOffset,
        committed.byteOffset + committed.byteLength,
      ) as ArrayBuffer,
    );
    expect(Array.from(asset.longUsd)).toEqual(Array.from(real.longUsd));
    expect(Array.from(asset.shortUsd)).toEqual(Array.from(real.shortUsd));
    expect(Array.from(asset.close)).toEqual(Array.from(real.close));
  });
});
