import { describe, expect, it } from 'vitest';
import { sniff } from '../../../../src/core/csv/detect';
import { contextRole } from '../../../../src/core/csv/detect-context';
import { mappingProblem } from '../../../../src/core/csv/generic';
import type { GenericMapping } from '../../../../src/core/csv/mapping';

/** 2024-08-01T00:00:00Z. */
const T0 = 1_722_470_400;
const H = 3600;

describe('open interest and funding columns by their common names', () => {
  it.each([
    ['open_interest', 'oi', null],
    ['oi', 'oi', null],
    ['OI', 'oi', null],
    ['openInterest', 'oi', null],
    ['OpenInterest', 'oi', null],
    ['sumOpenInterest', 'oi', null], // Binance: in coins, but the name does not say so
    ['sumOpenInterestValue', 'oi', 'usd'], // Binance: in USD(T)
    ['open_interest_usd', 'oi', 'usd'],
    ['Open Interest (USD)', 'oi', 'usd'],
    ['oi_usd', 'oi', 'usd'],
    ['openInterestNotional', 'oi', 'usd'],
    ['aggregated_open_interest', 'oi', null],
    ['open_interest_btc', 'oi', null],
    ['funding_rate', 'funding', null],
    ['fundingRate', 'funding', null],
    ['funding', 'funding', null],
    ['Funding Rate (%)', 'funding', 'percent'],
    ['funding_rate_pct', 'funding', 'percent'],
    ['lastFundingRate', 'funding', null],
    ['oi_weighted_funding_rate', 'funding', null],
    ['funding_rate_fraction', 'funding', 'fraction'],
    ['predicted_funding_rate', 'predicted', null],
    ['predictedFundingRate', 'predicted', null],
    ['nextFundingRate', 'predicted', null],
    ['estimated_funding_rate_%', 'predicted', 'percent'],
  ])('%s is %s (unit %s)', (name, kind, unit) => {
    expect(contextRole(name)).toMatchObject({ kind, unit });
  });

  it('says when open interest is named in coins', () => {
    expect(contextRole('open_interest_btc')?.coinNamed).toBe(true);
    // Files of other assets name their coin too: still open interest, and still flagged as coins.
    for (const name of ['open_interest_eth', 'Open Interest (SOL)', 'oi_coins'])
      expect(contextRole(name), name).toMatchObject({ kind: 'oi', unit: null, coinNamed: true });
    expect(contextRole('sumOpenInterest')?.coinNamed).toBe(false);
  });

  it.each([
    'oi_change',
    'open_interest_change_%',
    'oi_delta',
    'oi_close',
    'fundingTime',
    'funding_time',
    'funding_interval_hours',
    'funding_fee',
    'interest',
    'open',
    'long_short_ratio',
    'price',
  ])('%s is neither', (name) => {
    expect(contextRole(name)).toBeNull();
  });
});

describe('sniffing files with open interest and funding', () => {
  it('a Binance open-interest file: the USD column, the coin column left out and said so, 5min, on the aggregate', () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `BTCUSDT,${80_000 + i},${(80_000 + i) * 60_000},${(T0 + i * 300) * 1000}`,
    );
    const s = sniff(
      ['symbol,sumOpenInterest,sumOpenInterestValue,timestamp', ...rows].join('\n'),
      'btc_oi_5m.csv',
    );
    expect(s.mapping).toMatchObject({
      timeColumn: 3,
      timeUnit: 'unix_ms',
      interval: '5min',
      pairs: [],
      candles: null,
      context: [
        { kind: 'oi', column: 2, unit: 'usd', symbol: 'CSV_AGG_BTC_OI_5M', label: 'sumOpenInterestValue' },
      ],
    });
    expect(s.unsure).toEqual([
      'open interest "sumOpenInterest" is left out: "sumOpenInterestValue" is used (one column per kind)',
    ]);
  });

  it('a Binance funding file (every 8 h, a fraction): the 1hour grid, and the unit is asked for, never guessed', () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `BTCUSDT,${(T0 + i * 8 * H) * 1000},0.000${100 + i},${60_000 + i}`,
    );
    const s = sniff(['symbol,fundingTime,fundingRate,markPrice', ...rows].join('\n'), 'binance_funding.csv');
    const m = s.mapping;
    expect(m).toMatchObject({
      timeColumn: 1,
      interval: '1hour',
      context: [{ kind: 'funding', column: 2, unit: null, symbol: 'CSV_AGG_BINANCE_FUNDING' }],
      covers: ['A'],
    });
    expect(s.unsure).toEqual([
      'choose whether funding "fundingRate" is in percent (0.01 = 0.01 %) or a fraction (0.0001 = 0.01 %)',
      'rows are 8 h apart, which is no stored interval: they are stored on the 1hour grid and the buckets between rows stay gaps',
    ]);
    if (!m) throw new Error('no mapping');
    expect(mappingProblem(m)).toBe(
      'choose whether funding "fundingRate" is in percent (0.01 = 0.01 %) or a fraction (0.0001 = 0.01 %)',
    );
    const chosen: GenericMapping = { ...m, context: m.context.map((c) => ({ ...c, unit: 'fraction' })) };
    expect(mappingProblem(chosen)).toBeNull();
    // A grid the chart does not read funding at is refused with the intervals it does.
    expect(mappingProblem({ ...chosen, interval: '4hour' })).toBe(
      'funding "fundingRate" can be stored at 1hour or daily (the intervals the chart reads it at), not at 4hour: choose one of them, or leave the column out',
    );
  });

  it('liquidations, candles, open interest in BTC and funding in one file: all on the file’s aggregate; BTC is said, not assumed', () => {
    const rows = Array.from(
      { length: 24 },
      (_, i) => `${T0 + i * H},60000,60100,59900,60050,${1000 * i},${2000 * i},${90_000 + i},0.01`,
    );
    const s = sniff(
      [
        'unix,open,high,low,close,long_liq_usd,short_liq_usd,open_interest_btc,funding_rate_pct',
        ...rows,
      ].join('\n'),
      'coinglass_okx_1h.csv',
    );
    const agg = 'CSV_AGG_COINGLASS_OKX_1H';
    expect(s.mapping).toMatchObject({
      interval: '1hour',
      pairs: [{ symbol: agg, long: 5, short: 6 }],
      candles: { symbol: agg, close: 4 },
      context: [
        { kind: 'oi', column: 7, unit: null, symbol: agg },
        { kind: 'funding', column: 8, unit: 'percent', symbol: agg },
      ],
      covers: ['3'],
    });
    expect(s.unsure).toContain(
      'open interest "open_interest_btc" is named in coins: convert it to USD with the candles, or say it is USD',
    );
  });

  it('open interest alone in a 15-minute file: detected, and the interval problem is named before any row is read', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${T0 + i * 900},${5e9 + i}`);
    const s = sniff(['time,open_interest_usd', ...rows].join('\n'), 'oi.csv');
    expect(s.mapping?.interval).toBe('15min');
    expect(s.unsure).toContain(
      'open interest "open_interest_usd" can be stored at 5min, 1hour or daily (the intervals the chart reads it at), not at 15min: choose one of them, or leave the column out',
    );
  });
});
