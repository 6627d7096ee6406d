import { render } from 'preact';
import { useState } from 'preact/hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { parseMarkets } from '../../src/core/coinalyze';
import { assetSettings, DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { sharedDatabase } from '../../src/storage/connection';
import { ARCHIVE_DB } from '../../src/storage/open';
import { withFirstAssets } from '../../src/ui/data/asset-list';
import { SettingsDialog } from '../../src/ui/settings/SettingsDialog';
import { loadSettings, saveSettings } from '../../src/ui/settings/settings-store';
import { AssetPicker } from '../../src/ui/toolbar/AssetPicker';
import { Toolbar } from '../../src/ui/toolbar/Toolbar';
import { makeMarkets } from '../fakes/coinalyze/data.mjs';

const ASSETS = withFirstAssets([
  { asset: 'BTC', contracts: 40 },
  { asset: 'ETH', contracts: 9 },
  { asset: 'SOL', contracts: 4 },
  { asset: 'DOGE', contracts: 3 },
  { asset: 'TON', contracts: 2 },
]);

/** The toolbar with the picker in its actions, as the app mounts it. */
function Bar({ onAsset }: { onAsset: (a: string) => void }) {
  const [asset, setAsset] = useState('BTC');
  return (
    <Toolbar asset={asset} timeframe="1h" onTimeframe={() => {}} theme="dark" onTheme={() => {}}>
      <AssetPicker
        asset={asset}
        assets={ASSETS}
        onChange={(a) => {
          setAsset(a);
          onAsset(a);
        }}
      />
      <button type="button">Settings</button>
    </Toolbar>
  );
}

describe('the asset picker', () => {
  let host: HTMLDivElement;
  beforeAll(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => render(null, host));
  afterAll(() => host.remove());

  it('lists BTC, ETH and SOL first, narrows as you type, and chooses with the keyboard', async () => {
    const chosen: string[] = [];
    render(<Bar onAsset={(a) => chosen.push(a)} />, host);
    await userEvent.click(page.getByRole('button', { name: 'Asset: BTC' }));
    const options = page.getByRole('option');
    await expect.poll(async () => (await options.all()).length).toBe(5);
    expect((await options.all()).map((o) => o.element().textContent?.split(' ')[0])).toEqual([
      'BTC',
      'ETH',
      'SOL',
      'DOGE',
      'TON',
    ]);
    await userEvent.fill(page.getByLabelText('Search assets'), 'o');
    // Names starting with the text first, then names containing it.
    await expect
      .poll(async () => (await options.all()).map((o) => o.element().textContent?.split(' ')[0]))
      .toEqual(['SOL', 'DOGE', 'TON']);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(chosen).toEqual(['DOGE']);
    await expect.element(page.getByRole('listbox')).not.toBeInTheDocument();
    await expect.element(page.getByTestId('toolbar-asset')).toHaveTextContent('DOGE · liquidations');
    // Escape closes the list and gives the focus back to its button.
    await userEvent.click(page.getByRole('button', { name: 'Asset: DOGE' }));
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByRole('listbox')).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: 'Asset: DOGE' })).toHaveFocus();
  });

  it('on a phone sits in More: opening it keeps the menu open, choosing closes it', async () => {
    await page.viewport(390, 844);
    try {
      render(<Bar onAsset={() => {}} />, host);
      const more = page.getByRole('button', { name: 'More' });
      await userEvent.click(more);
      await userEvent.click(page.getByRole('button', { name: 'Asset: BTC' }));
      await expect.element(more).toHaveAttribute('aria-expanded', 'true');
      await userEvent.click(page.getByRole('option', { name: /^ETH/ }));
      await expect.element(more).toHaveAttribute('aria-expanded', 'false');
      await expect.element(page.getByTestId('toolbar-asset')).toHaveTextContent('ETH · liquidations');
    } finally {
      await page.viewport(1280, 800);
    }
  });
});

// The real settings dialog over the real archive database, with the fake Coinalyze's market list stored.
describe('settings per asset', () => {
  let before: Settings;
  let host: HTMLDivElement;
  const closed: Array<Settings | null> = [];
  // ETH's and SOL's contracts only: BTC symbols belong to the other test files sharing this archive.
  const markets = parseMarkets(makeMarkets(Math.floor(Date.now() / 1000))).filter(
    (m) => m.baseAsset !== 'BTC',
  );

  beforeAll(async () => {
    before = await loadSettings();
    await saveSettings(DEFAULT_SETTINGS);
    const tx = (await sharedDatabase(ARCHIVE_DB)).transaction('markets', 'readwrite');
    await Promise.all([...markets.map((m) => tx.store.put(m)), tx.done]);
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => render(null, host));
  afterAll(async () => {
    host.remove();
    await saveSettings(before);
    // The archive is shared with the other test files: leave its market list as it was.
    const tx = (await sharedDatabase(ARCHIVE_DB)).transaction('markets', 'readwrite');
    await Promise.all([...markets.map((m) => tx.store.delete(m.symbol)), tx.done]);
  });

  it('Live assets: adding ETH shows what it costs before saving, and Save keeps it Live', async () => {
    render(<SettingsDialog open asset="ETH" onClose={(s) => closed.push(s)} />, host);
    const cost = page.getByTestId('live-cost');
    await expect.element(cost).toHaveTextContent(/^\d+ contracts \(BTC \d+\)/);
    // Whatever BTC contracts the shared archive lists; ETH then adds its 9 and its candle market at 5 intervals.
    const btc = Number(/\(BTC (\d+)\)/.exec(cost.element().textContent ?? '')?.[1]);
    const btcCalls = btc > 0 ? (btc + 1) * 5 : 0;
    // The asset on screen is offered first.
    await expect.element(page.getByLabelText('Add')).toHaveValue('ETH');
    await userEvent.click(page.getByRole('button', { name: 'Keep Live', exact: true }));
    await expect
      .element(cost)
      .toHaveTextContent(
        `${btc + 9} contracts (BTC ${btc}, ETH 9) · a full refresh costs ${btcCalls + 50} calls`,
      );
    await expect.element(page.getByLabelText('Keep ETH Live')).toBeChecked();
    // Contracts and alert rules of the dialog are ETH's.
    await expect.element(page.getByTestId('contracts-asset')).toHaveTextContent(/^ETH's contracts\./);
    await expect.element(page.getByTestId('contracts-cost')).toHaveTextContent(/^9 contracts/);
    await expect.element(page.getByLabelText('Reference market (candles)')).toHaveValue('ETHUSDT_PERP.A');
    await userEvent.selectOptions(page.getByLabelText('Margin type'), 'COIN');
    await expect.element(page.getByTestId('contracts-cost')).toHaveTextContent(/^5 contracts/);
    await expect.element(cost).toHaveTextContent(`${btc + 5} contracts (BTC ${btc}, ETH 5)`);
    await userEvent.fill(page.getByLabelText('Minimum USD'), '1500000');
    await userEvent.click(page.getByRole('button', { name: 'Save' }));
    await expect.poll(() => closed.length).toBe(1);
    const saved = await loadSettings();
    expect(saved.assets.live).toEqual(['BTC', 'ETH']);
    expect(assetSettings(saved, 'ETH').contracts.margin).toBe('COIN');
    expect(assetSettings(saved, 'ETH').spikes.minUsd).toBe(1_500_000);
    // BTC's own choices are untouched.
    expect(assetSettings(saved, 'BTC')).toEqual(assetSettings(DEFAULT_SETTINGS, 'BTC'));
    // Ticking ETH off (and saving) leaves BTC alone Live again.
    render(<SettingsDialog open asset="BTC" onClose={(s) => closed.push(s)} />, host);
    await userEvent.click(page.getByLabelText('Keep ETH Live'));
    await expect.element(cost).toHaveTextContent(`${btc} contracts (BTC ${btc})`);
    await userEvent.click(page.getByRole('button', { name: 'Save' }));
    await expect.poll(async () => (await loadSettings()).assets.live).toEqual(['BTC']);
  }, 30_000);
});
