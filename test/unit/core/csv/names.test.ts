import { describe, expect, it } from 'vitest';
import { aggregateSymbol, exchangesInName, nameProblem } from '../../../../src/core/csv/names';
import { timeRangeProblem } from '../../../../src/core/csv/time-range';

describe('symbols and exchange codes', () => {
  it.each([
    'BTCUSDT_PERP.A',
    'BTC-PERPETUAL.2',
    'A',
    '6',
    'CSV_AGG_COINGLASS_BTC_1H',
    'CSV_BARS_COIN.CSV',
  ])('%s is accepted', (name) => {
    expect(nameProblem(name)).toBeNull();
  });

  it.each([
    ['=HYPERLINK("http://x","y")', /starts with "="/],
    ['+1', /starts with "\+"/],
    ['-1', /starts with "-"/],
    ['@SUM(A1)', /starts with "@"/],
    ['BTC,USDT', /comma, quote or line break/],
    ['BTC"USDT', /comma, quote or line break/],
    ["BTC'S", /comma, quote or line break/],
    ['BTC\nUSDT', /comma, quote or line break/],
    ['', /is empty/],
  ])('%j is refused', (name, why) => {
    expect(nameProblem(name)).toMatch(why);
  });
});

describe('the synthetic aggregate a file is stored under', () => {
  it('is CSV_AGG_ plus a slug of the file name, cut at a word', () => {
    expect(aggregateSymbol('coinglass_btc_1h.csv')).toBe('CSV_AGG_COINGLASS_BTC_1H');
    expect(aggregateSymbol('BTC liquidations (Binance+Bybit).CSV')).toBe(
      'CSV_AGG_BTC_LIQUIDATIONS_BINANCE_BYBIT',
    );
    expect(aggregateSymbol('...csv')).toBe('CSV_AGG_FILE');
    const long = aggregateSymbol('coinalyze_binance_btcusdt_perp_liq_btc_1h_2024-06_2024-08.csv');
    expect(long).toBe('CSV_AGG_COINALYZE_BINANCE_BTCUSDT_PERP_LIQ_BTC_1H_2024');
    expect(nameProblem(long)).toBeNull();
  });

  it('covers the exchanges its file name mentions', () => {
    expect(exchangesInName('binance_bybit_okx_btc_liq.csv')).toEqual(['A', '6', '3']);
    expect(exchangesInName('coinglass_btc.csv')).toEqual([]);
  });
});

describe('importable times', () => {
  const now = 1_750_000_000;
  it('lie in [2010-01-01, now + 1 day]', () => {
    expect(timeRangeProblem(1_262_304_000, now)).toBeNull();
    expect(timeRangeProblem(now + 86_400, now)).toBeNull();
    expect(timeRangeProblem(1_262_303_999, now)).toBe('time 2009-12-31T23:59:59Z is before 2010-01-01');
    expect(timeRangeProblem(now + 86_401, now)).toMatch(/is more than a day in the future$/);
    expect(timeRangeProblem(0, now)).toBe('time 1970-01-01T00:00:00Z is before 2010-01-01');
    expect(timeRangeProblem(1e20, now)).toBe('time 100000000000000000000 s is more than a day in the future');
  });
});
