import { describe, expect, it } from 'vitest';
import { MalformedResponse, parseExchanges, refreshCost } from '../../../src/core/coinalyze';

describe('/exchanges', () => {
  it('maps codes to display names and skips rows it cannot read', () => {
    const body = [{ name: 'Binance', code: 'A' }, { name: 'Bybit', code: '6' }, { code: 'X' }, null, 'junk'];
    expect(parseExchanges(body)).toEqual([
      { code: 'A', name: 'Binance' },
      { code: '6', name: 'Bybit' },
    ]);
  });

  it('rejects a body that is not a list', () => {
    expect(() => parseExchanges({ message: 'oops' })).toThrow(MalformedResponse);
  });
});

describe('refresh cost shown in settings', () => {
  it('grows with the number of contracts: 40 contracts at 5 intervals cost 205 calls, about 5 minutes', () => {
    expect(refreshCost(40, 5)).toEqual({ calls: 205, requests: 15, minutes: 5.125 });
    expect(refreshCost(10, 5).calls).toBeLessThan(refreshCost(40, 5).calls);
  });
});
