import { describe, expect, it } from 'vitest';
import { buildDeepLink } from '../../../src/core/alerts/link';
import { parseFilterKey } from '../../../src/core/market';
import {
  buildViewUrl,
  EMPTY_VIEW,
  parseViewState,
  saysAnything,
  viewQuery,
} from '../../../src/core/view-url';

const T0 = 1722816000; // 2024-08-05 00:00 UTC

describe('view URL', () => {
  it('round-trips every field', () => {
    const view = {
      asset: 'BTC' as const,
      timeframe: '4h' as const,
      contracts: { kind: 'exchange' as const, exchange: 'A' },
      histogram: 'exchanges' as const,
      time: T0,
      bars: 120,
      panel: 'study' as const,
    };
    const url = buildViewUrl('https://x.app', view);
    expect(url).toBe(
      `https://x.app/?asset=BTC&tf=4h&contracts=exchange%3AA&hist=exchanges&t=${T0}&bars=120&panel=study`,
    );
    expect(parseViewState(url.slice(url.indexOf('?')))).toEqual(view);
  });

  it('reads the histogram mode, and ignores one it does not know', () => {
    expect(parseViewState('?hist=total').histogram).toBe('total');
    expect(parseViewState('?hist=venues').histogram).toBe(null);
  });

  it('opens old alert links (?t=&tf=) on the same bar and timeframe', () => {
    expect(parseViewState(`?t=${T0}&tf=4h`)).toEqual({ ...EMPTY_VIEW, time: T0, timeframe: '4h' });
  });

  it('builds alert links through the same module, and they parse back', () => {
    const link = buildDeepLink('https://x.app/', 'BTC', T0, '15m');
    expect(link).toBe(`https://x.app/?asset=BTC&tf=15m&t=${T0}`);
    expect(parseViewState(link.slice(link.indexOf('?')))).toMatchObject({ time: T0, timeframe: '15m' });
    const eth = buildDeepLink('https://x.app/', 'ETH', T0, '1h');
    expect(eth).toBe(`https://x.app/?asset=ETH&tf=1h&t=${T0}`);
    expect(parseViewState(eth.slice(eth.indexOf('?')))).toMatchObject({ asset: 'ETH', time: T0 });
  });

  it('ignores malformed values one by one, keeping the rest', () => {
    const v = parseViewState('?asset=DO%20GE&tf=7q&t=abc&bars=3&panel=nope&contracts=margin:GOLD');
    expect(v).toEqual(EMPTY_VIEW);
    expect(saysAnything(v)).toBe(false);
    expect(parseViewState('?tf=1D&t=-5&panel=htf')).toEqual({ ...EMPTY_VIEW, timeframe: '1D', panel: 'htf' });
    // A zoom only means something with a place.
    expect(parseViewState('?bars=100').bars).toBeNull();
    expect(parseViewState('?asset=btc').asset).toBe('BTC');
  });

  it('first occurrence of a key wins and encoded values decode', () => {
    expect(parseViewState('?tf=4h&tf=1h&contracts=margin%3ACOIN').timeframe).toBe('4h');
    expect(parseViewState('?contracts=margin%3ACOIN').contracts).toEqual({ kind: 'margin', margin: 'COIN' });
    expect(parseViewState('?contracts=%E0%A4%A').contracts).toBeNull();
  });

  it('writes nothing for an empty view and omits bars without a time', () => {
    expect(viewQuery(EMPTY_VIEW)).toBe('');
    expect(viewQuery({ ...EMPTY_VIEW, bars: 50, timeframe: '1h' })).toBe('?tf=1h');
  });

  it('contract filter keys round-trip', () => {
    for (const key of ['all', 'margin:COIN', 'margin:STABLE', 'exchange:6'])
      expect(parseFilterKey(key)).not.toBeNull();
    expect(parseFilterKey('exchange:')).toBeNull();
    expect(parseFilterKey('margin:coin')).toBeNull();
  });
});
