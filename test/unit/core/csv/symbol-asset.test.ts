import { describe, expect, it } from 'vitest';
import { parseMarkets } from '../../../../src/core/coinalyze';
import { barMarkets } from '../../../../src/core/csv/bars';
import { marketFromSymbol, REFERENCE_SYMBOL, symbolFromLabel } from '../../../../src/core/csv/contracts';
import { BTC_TARGET, defaultTarget, retargetMapping } from '../../../../src/core/csv/import-target';
import type { GenericMapping } from '../../../../src/core/csv/mapping';
import { nameProblem } from '../../../../src/core/csv/names';
import { importText } from '../../../../src/core/csv/session';
import { assetOfSymbol, namedAsset } from '../../../../src/core/csv/symbol-asset';
import { makeMarkets } from '../../../fakes/coinalyze/data.mjs';

// The BTC symbols of the Nov-2023 market dump, exchange by exchange (/work/shared/docs/coinalyze-api.md §4.2).
const DOC_BTC_SYMBOLS = [
  'BTCUSDT_PERP.A',
  'BTCUSD_PERP.A',
  'BTCBUSD_PERP.A',
  'BTCUSDT.6',
  'BTCUSD.6',
  'BTCPERP.6',
  'BTCUSDH24.6',
  'BTCUSDZ23.6',
  'BTCUSDT_PERP.3',
  'BTCUSD_PERP.3',
  'BTCUSDC_PERP.3',
  'BTCUSD_PERP.0',
  'BTCUSDT_PERP.0',
  'BTCEUR_PERP.0',
  'BTCETH_PERP.0',
  'XBTH24.0',
  'XBTM24.0',
  'XBTZ23.0',
  'BTC-PERPETUAL.2',
  'BTC_USDC-PERPETUAL.2',
  'BTC-29MAR24.2',
  'BTC-27SEP24.2',
  'BTCUSDT_PERP.4',
  'BTCUSD_PERP.4',
  'BTCUSD.7',
  'uBTCUSD.7',
  'BTC-USD.8',
  'BTC_USDT.Y',
  'BTC_USD.Y',
  'PERP_BTC_USDT.W',
  'BTCUSDT_PERP.F',
  'BTCEURT_PERP.F',
  'BTCUSD_PERP.K',
  'pf_xbtusd.K',
  'fi_xbtusd_240329.K',
  'BTC.H',
];

describe('base asset of a Coinalyze symbol', () => {
  it("gives every market of the fake's list (BTC, ETH, SOL; perpetual and dated) its base_asset", () => {
    const markets = makeMarkets(1_722_470_400);
    expect(new Set(markets.map((m) => m.base_asset))).toEqual(new Set(['BTC', 'ETH', 'SOL']));
    for (const m of markets) expect(assetOfSymbol(m.symbol), m.symbol).toBe(m.base_asset);
    // And a market derived from the symbol alone agrees with the parsed record.
    for (const m of parseMarkets(markets)) expect(marketFromSymbol(m.symbol).baseAsset).toBe(m.baseAsset);
  });

  it.each(DOC_BTC_SYMBOLS)('%s (a shape from the API notes) is BTC', (symbol) => {
    expect(assetOfSymbol(symbol)).toBe('BTC');
  });

  it.each([
    ['ETHUSDT_PERP.A', 'ETH'],
    ['ETHUSD.6', 'ETH'],
    ['ETHUSDH24.6', 'ETH'],
    ['ETH-PERPETUAL.2', 'ETH'],
    ['ETH-29MAR24.2', 'ETH'],
    ['ETH_USDT.Y', 'ETH'],
    ['PERP_ETH_USDT.W', 'ETH'],
    ['pf_ethusd.K', 'ETH'],
    ['SOLUSDT_PERP.A', 'SOL'],
    ['SOLUSDT.6', 'SOL'],
    ['SOL-USD.8', 'SOL'],
    ['BNBUSD_PERP.A', 'BNB'],
    ['DOTUSD_PERP.A', 'DOT'],
    ['PERPUSDT_PERP.A', 'PERP'],
    ['1000PEPEUSDT_PERP.A', '1000PEPE'],
    ['kPEPE.H', 'kPEPE'],
  ])('%s is %s', (symbol, asset) => {
    expect(assetOfSymbol(symbol)).toBe(asset);
  });

  it('names no asset for synthetic contracts and symbols without an exchange code', () => {
    for (const s of [
      'CSV_AGG_COINGLASS_BTC_1H',
      'CSV_BARS_COIN.CSV',
      'CSV_BARS_ETH_COIN.CSV',
      'MYFILE',
      '.A',
    ])
      expect(assetOfSymbol(s), s).toBeNull();
  });

  it('a market derived from a symbol naming no asset takes the asset given (BTC unless told)', () => {
    expect(marketFromSymbol('ETHUSDT_PERP.A', undefined, 'SOL').baseAsset).toBe('ETH');
    expect(marketFromSymbol('MYFILE', undefined, 'SOL').baseAsset).toBe('SOL');
    expect(marketFromSymbol('MYFILE').baseAsset).toBe('BTC');
  });
});

describe('contract of a "<pair> - <exchange>" label', () => {
  it.each([
    ['BTC/USDT - Binance', 'BTCUSDT_PERP.A'],
    ['BTC/USD - Deribit', 'BTC-PERPETUAL.2'],
    ['ETH/USDT - Binance', 'ETHUSDT_PERP.A'],
    ['ETH/USD - Deribit', 'ETH-PERPETUAL.2'],
    ['ETH/USDT - Bybit', 'ETHUSDT.6'],
    ['sol/usdc - OKX', 'SOLUSDC_PERP.3'],
    ['XBT/USD - BitMEX', 'BTCUSD_PERP.0'],
  ])('%s → %s', (label, symbol) => {
    expect(symbolFromLabel(label)).toBe(symbol);
    expect(assetOfSymbol(symbol)).toBe(label.slice(0, 3).toUpperCase().replace('XBT', 'BTC'));
  });

  it('refuses labels that name no known exchange or no pair', () => {
    expect(symbolFromLabel('ETH/USDT - Nowhere')).toBeNull();
    expect(symbolFromLabel('liquidation long')).toBeNull();
  });
});

describe('the asset a file names', () => {
  const known = ['BTC', 'ETH', 'SOL', 'ONE', 'DOGE', 'kPEPE'];
  it.each([
    ['eth_liquidations.csv', [], 'ETH'],
    ['coinglass-binance-btc-1h.csv', [], 'BTC'],
    ['liqlab-ETH-bars-1h-all.csv', [], 'ETH'],
    ['liqlab-DOGE-bars-1h-margin-COIN.csv', [], 'DOGE'],
    ['binance_solusdt_1h.csv', [], 'SOL'],
    ['one_hour_eth.csv', [], 'ETH'],
    ['liqlab-kpepe-bars.csv', [], 'kPEPE'],
    ['liquidations.csv', ['ETHUSDT_PERP.A'], 'ETH'],
    ['btc_export.csv', ['SOLUSDT_PERP.A'], 'SOL'],
    ['coinglass_binance_1h.csv', [], null],
    ['usdt_usd_perp.csv', [], null],
    ['export.csv', ['CSV_AGG_EXPORT'], null],
  ] as const)('%s with contracts %j → %s', (name, symbols, asset) => {
    expect(namedAsset(name, symbols, known)).toBe(asset);
  });
});

describe('synthetic bars contracts and import targets', () => {
  it("keeps BTC's bars contracts as they were and names other assets in theirs", () => {
    const btc = barMarkets('BTC');
    expect([btc.COIN.symbol, btc.STABLE.symbol]).toEqual(['CSV_BARS_COIN.CSV', 'CSV_BARS_STABLE.CSV']);
    expect(btc.COIN.baseAsset).toBe('BTC');
    const eth = barMarkets('ETH');
    expect([eth.COIN.symbol, eth.STABLE.symbol]).toEqual([
      'CSV_BARS_ETH_COIN.CSV',
      'CSV_BARS_ETH_STABLE.CSV',
    ]);
    expect([eth.COIN.baseAsset, eth.STABLE.baseAsset, eth.COIN.margined, eth.STABLE.margined]).toEqual([
      'ETH',
      'ETH',
      'COIN',
      'STABLE',
    ]);
    expect(nameProblem(eth.COIN.symbol)).toBeNull();
  });

  it("moves candles from one target's reference market to the other's, and leaves an aggregate's alone", () => {
    const candles = { symbol: REFERENCE_SYMBOL, open: 1, high: 2, low: 3, close: 4, volume: -1 };
    const base: GenericMapping = {
      delimiter: ',',
      hasHeader: true,
      timeColumn: 0,
      timeUnit: 'unix_s',
      utcOffsetHours: 0,
      interval: '1hour',
      pairs: [{ label: 'ETH/USDT - Binance', symbol: 'ETHUSDT_PERP.A', long: 5, short: 6 }],
      amountUnit: 'usd',
      candles,
      context: [],
      covers: [],
      omitted: 'gap',
    };
    const eth = defaultTarget('ETH');
    expect(eth).toEqual({ asset: 'ETH', reference: 'ETHUSDT_PERP.A' });
    const moved = retargetMapping(base, BTC_TARGET, eth);
    expect(moved.candles?.symbol).toBe('ETHUSDT_PERP.A');
    expect(moved.pairs).toEqual(base.pairs);
    const sol = { asset: 'SOL', reference: 'SOLUSDT.6' };
    expect(retargetMapping(moved, eth, sol).candles?.symbol).toBe('SOLUSDT.6');
    const aggregate = { ...base, candles: { ...candles, symbol: 'CSV_AGG_X' } };
    expect(retargetMapping(aggregate, BTC_TARGET, eth).candles?.symbol).toBe('CSV_AGG_X');
  });

  it('refuses a file before reading it when its target is no asset or its reference cannot be stored', () => {
    const text = 'time,long_usd,short_usd\n1722470400,1,2\n';
    const spec = (asset: string, reference: string) => ({
      format: 'bars' as const,
      target: { asset, reference },
    });
    expect(importText(text, spec('ET H', 'ETHUSDT_PERP.A')).fatal).toBe('"ET H" is not an asset name');
    expect(importText(text, spec('ETH', '=cmd')).fatal).toMatch(
      /^the reference market "=cmd" starts with "="/,
    );
  });
});
