import { describe, expect, it } from 'vitest';
import { shownStatus } from '../../../src/ui/app/shown-status';
import type { StatusInfo } from '../../../src/ui/status/StatusBar';

const base: StatusInfo = {
  source: 'Live',
  lastUpdate: 1_764_000_000,
  callsUsed: 12,
  callsBudget: 40,
  backfill: null,
};

describe('the status bar on the data on screen', () => {
  it('says Live only for an asset kept Live; another asset is stored data, and says how to keep it Live', () => {
    const on = { imported: 0, liveAssets: ['BTC', 'ETH'] };
    expect(shownStatus(base, { ...on, asset: 'ETH' })).toBe(base);
    const sol = shownStatus(base, { ...on, asset: 'SOL' });
    expect(sol.source).toBe('Stored');
    expect(sol.message).toBe('SOL is not kept Live: stored data (Settings → Assets)');
    expect(sol.callsUsed).toBe(12); // the budget line is the loop's, whatever is on screen
  });

  it('says nothing new before the settings are read (no flash of "Stored" for a Live asset)', () => {
    expect(shownStatus(base, { imported: 0, liveAssets: [], asset: 'SOL' })).toBe(base);
  });

  it('without a key: imported data and other assets are Offline with no demo "last update"', () => {
    const demo: StatusInfo = { ...base, source: 'Demo' };
    expect(shownStatus(demo, { imported: 0, liveAssets: [], asset: 'BTC' })).toBe(demo);
    const imported = shownStatus(demo, { imported: 1, liveAssets: [], asset: 'BTC' });
    expect([imported.source, imported.lastUpdate, imported.message]).toEqual([
      'Offline',
      null,
      'Showing imported data; not fetching without an API key',
    ]);
    const eth = shownStatus(demo, { imported: 0, liveAssets: [], asset: 'ETH' });
    expect([eth.source, eth.lastUpdate, eth.message]).toEqual([
      'Offline',
      null,
      'No API key: nothing is fetched',
    ]);
  });
});
