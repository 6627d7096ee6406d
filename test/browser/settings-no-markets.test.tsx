import { render } from 'preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { Market } from '../../src/core/market';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { sharedDatabase } from '../../src/storage/connection';
import { ARCHIVE_DB } from '../../src/storage/open';
import { SettingsDialog } from '../../src/ui/settings/SettingsDialog';
import { loadSettings, saveSettings } from '../../src/ui/settings/settings-store';

// No key yet, so no market list stored: the archive's markets store is emptied for this test and restored after.
describe('settings before any market list is stored', () => {
  let before: Settings;
  let kept: Market[] = [];
  const host = document.createElement('div');

  beforeAll(async () => {
    before = await loadSettings();
    await saveSettings(DEFAULT_SETTINGS);
    const db = await sharedDatabase(ARCHIVE_DB);
    kept = await db.getAll('markets');
    await db.clear('markets');
    document.body.append(host);
  });
  afterAll(async () => {
    render(null, host);
    host.remove();
    await saveSettings(before);
    const tx = (await sharedDatabase(ARCHIVE_DB)).transaction('markets', 'readwrite');
    await Promise.all([...kept.map((m) => tx.store.put(m)), tx.done]);
  });

  it('says the contracts and costs are known once a key loads the market list, not "0 contracts … 0 calls"', async () => {
    render(<SettingsDialog open asset="BTC" onClose={() => {}} />, host);
    const live = page.getByTestId('live-cost');
    await expect.element(live).toHaveTextContent('known once a Coinalyze key has loaded the market list');
    expect(live.element().textContent).not.toMatch(/\b0 contracts|costs 0 calls|every 0 s/);
    const contracts = page.getByTestId('contracts-cost');
    await expect
      .element(contracts)
      .toHaveTextContent('known once a Coinalyze key has loaded the market list');
    expect(contracts.element().textContent).not.toMatch(/\b0 contracts|costs 0 calls/);
  });
});
