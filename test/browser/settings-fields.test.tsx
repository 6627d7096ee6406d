import { render } from 'preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Settings } from '../../src/core/settings';
import { SettingsDialog } from '../../src/ui/settings/SettingsDialog';
import { loadSettings, saveSettings } from '../../src/ui/settings/settings-store';

// The real dialog over the real archive database: what the user sees while typing, and what Save stores.
describe('settings fields in the settings dialog', () => {
  let before: Settings;
  let host: HTMLDivElement;
  const closed: Array<Settings | null> = [];

  beforeAll(async () => {
    before = await loadSettings();
    host = document.createElement('div');
    document.body.append(host);
  });
  // Unmounted after each test, so a failing one leaves no half-edited dialog to the next.
  afterEach(() => render(null, host));
  afterAll(async () => {
    host.remove();
    await saveSettings(before);
  });

  const open = () => render(<SettingsDialog open asset="BTC" onClose={(s) => closed.push(s)} />, host);
  const save = () => page.getByRole('button', { name: 'Save' });

  it('keeps the labels other tests and users rely on', async () => {
    open();
    for (const name of ['Coinalyze API key', 'API base URL', 'Telegram bot token', 'Telegram chat ID']) {
      await expect.element(page.getByLabelText(name, { exact: true })).toBeVisible();
    }
    await expect.element(page.getByLabelText('Coinalyze API key')).toHaveAttribute('type', 'password');
    await expect.element(page.getByLabelText('Telegram bot token')).toHaveAttribute('type', 'password');
    await expect.element(page.getByRole('button', { name: 'Send test message' })).toBeVisible();
  });

  it('explains an out-of-range number and refuses to save it; a valid one saves', async () => {
    open();
    const maxP = page.getByLabelText('Maximum p (1 = off)');
    await expect.element(maxP).toHaveAttribute('max', '1');
    await userEvent.fill(maxP, '2');
    const message = 'Maximum p (1 = off): must be at most 1.';
    await expect.element(maxP).toHaveAccessibleDescription(message);
    await expect.element(maxP).toHaveAttribute('aria-invalid', 'true');
    // The typed text stays as typed: nothing is clamped behind the user's back.
    await expect.element(maxP).toHaveValue(2);
    await expect.element(save()).toBeDisabled();
    await expect
      .element(page.getByTestId('settings-invalid'))
      .toHaveTextContent(`Fix 1 field to save: ${message}`);

    await userEvent.fill(maxP, '0.25');
    await expect.element(maxP).not.toHaveAccessibleDescription();
    await expect.element(page.getByText(message, { exact: true })).not.toBeInTheDocument();
    await expect.element(save()).toBeEnabled();
    await userEvent.click(save());
    await expect.poll(() => closed.at(-1)?.assets.byAsset.BTC?.spikes.maxP).toBe(0.25);
    expect((await loadSettings()).assets.byAsset.BTC?.spikes.maxP).toBe(0.25);
  });

  it('asks for a number when a field is emptied instead of saving 0 or the old value', async () => {
    open();
    const field = page.getByLabelText('Spike z threshold');
    await userEvent.clear(field);
    await expect.element(page.getByText('Spike z threshold: enter a number.', { exact: true })).toBeVisible();
    await expect.element(save()).toBeDisabled();
    const windowBars = page.getByLabelText('Baseline window W (bars, 0 = auto)');
    await userEvent.fill(windowBars, '12.5');
    await expect
      .element(page.getByText('Baseline window W (bars, 0 = auto): enter a whole number.', { exact: true }))
      .toBeVisible();
    await expect.element(page.getByTestId('settings-invalid')).toHaveTextContent(/^Fix 2 fields to save/);
    await userEvent.fill(field, '3');
    await userEvent.fill(windowBars, '200');
    await expect.element(save()).toBeEnabled();
    await userEvent.click(save());
    const saved = await loadSettings();
    expect([saved.spikes.zThreshold, saved.spikes.windowBars]).toEqual([3, 200]);
  });

  it('forgets problems of a cancelled edit when the dialog opens again', async () => {
    open();
    await userEvent.fill(page.getByLabelText('Touch tolerance (%)'), '-1');
    await expect
      .element(page.getByText('Touch tolerance (%): must be at least 0.', { exact: true }))
      .toBeVisible();
    await userEvent.clear(page.getByLabelText('Quiet from'));
    await expect.element(page.getByText('Quiet from: enter a complete time.', { exact: true })).toBeVisible();
    await expect.element(page.getByTestId('settings-invalid')).toHaveTextContent(/^Fix 2 fields to save/);
    await userEvent.click(page.getByRole('button', { name: 'Cancel' }));
    render(null, host);
    open();
    await expect.element(page.getByLabelText('Touch tolerance (%)')).toBeVisible();
    await expect.element(save()).toBeEnabled();
  });

  it('Settings → Spikes scores liquidations as USD or bp of open interest, says what a gap is, and saves it', async () => {
    open();
    const basis = page.getByLabelText('Score liquidations as');
    await expect.element(basis).toHaveValue('usd');
    await userEvent.selectOptions(basis, 'bp of open interest');
    await expect
      .element(page.getByTestId('score-basis'))
      .toHaveTextContent(/A bar without open interest is a gap: it is not scored/);
    await userEvent.click(save());
    await expect.poll(() => closed.at(-1)?.spikes.scoreBasis).toBe('bpOfOi');
    expect((await loadSettings()).spikes.scoreBasis).toBe('bpOfOi');
  });
});
