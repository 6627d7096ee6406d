import { describe, expect, it } from 'vitest';
import { filterLabel, snapshotCaption } from '../../../../src/core/snapshot/caption';
import { spike } from '../alerts/fixtures';

const utc = (iso: string) => Date.parse(iso) / 1000;

describe('snapshot caption', () => {
  it('names the side, the USD, the timeframe, the class, the contracts, the source and the UTC span', () => {
    const e = spike(utc('2024-08-09T18:00:00Z'), {
      side: 'long',
      usd: 7.6e6,
      timeframe: '15m',
      eventClass: 'onset',
      maxZ: 9.08,
    });
    const c = snapshotCaption(
      'BTC',
      e,
      '15m',
      'All contracts',
      utc('2024-08-08T12:00:00Z'),
      utc('2024-08-09T18:45:00Z'),
      900,
    );
    expect(c.title).toBe('BTC long liquidation spike · $7.6M · 15m');
    expect(c.detail).toBe(
      'onset, z 9.1 · BTC, All contracts · Coinalyze, aggregated · 2024-08-08 12:00 – 2024-08-09 19:00 UTC',
    );
  });

  it('short spikes say so; a missing z is left out rather than printed as NaN', () => {
    const e = spike(utc('2024-08-09T18:00:00Z'), { side: 'short', usd: 1.25e9, maxZ: Number.NaN });
    const c = snapshotCaption('ETH', e, '4h', 'COIN-margined', 0, 0, 14_400);
    expect(c.title).toBe('ETH short liquidation spike · $1.25B · 4h');
    expect(c.detail.startsWith('extreme · ETH, COIN-margined ·')).toBe(true);
  });

  it('labels contract filters as the toolbar does', () => {
    expect(filterLabel({ kind: 'all' })).toBe('All contracts');
    expect(filterLabel({ kind: 'margin', margin: 'STABLE' })).toBe('STABLE-margined');
    expect(filterLabel({ kind: 'exchange', exchange: 'A' }, new Map([['A', 'Binance']]))).toBe('Binance');
    expect(filterLabel({ kind: 'exchange', exchange: 'Q' })).toBe('Exchange Q');
  });
});
