import { render } from 'preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Settings } from '../../src/core/settings';
import { SettingsDialog } from '../../src/ui/settings/SettingsDialog';
import { loadSettings, saveSettings } from '../../src/ui/settings/settings-store';

// Settings → Data and Telegram: base URLs that would send a secret somewhere unintended are refused under the
// field and block Save; an accepted URL on another host says who will see the secret.
describe('API base URL fields', () => {
  let before: Settings;
  let host: HTMLDivElement;

  beforeAll(async () => {
    before = await loadSettings();
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => render(null, host));
  afterAll(async () => {
    host.remove();
    await saveSettings(before);
  });

  const open = () => render(<SettingsDialog open asset="BTC" onClose={() => {}} />, host);
  const save = () => page.getByRole('button', { name: 'Save' });
  const base = () => page.getByLabelText('API base URL', { exact: true });

  it('refuses a protocol-relative URL with the reason, blocking Save and the test request', async () => {
    open();
    await userEvent.fill(page.getByLabelText('Coinalyze API key'), 'some-key');
    await expect.element(page.getByRole('button', { name: 'Send test request' })).toBeEnabled();
    await userEvent.fill(base(), '//evil.example/v1');
    const message = 'API base URL: "//" at the start means another site (evil.example), not a path.';
    await expect.element(base()).toHaveAttribute('aria-invalid', 'true');
    await expect.element(base()).toHaveAccessibleDescription(expect.stringContaining(message));
    await expect.element(save()).toBeDisabled();
    await expect.element(page.getByRole('button', { name: 'Send test request' })).toBeDisabled();
    await expect
      .element(page.getByTestId('settings-invalid'))
      .toHaveTextContent(/^Fix 1 field to save: API base URL: "\/\/"/);
  });

  it.each([
    ['http://proxy.example/v1', /unencrypted/],
    ['javascript:alert(1)', /"javascript:" URL cannot/],
    ['coinalyze/v1', /Start with "\/"/],
  ])('refuses %s', async (text, why) => {
    open();
    await userEvent.fill(base(), text);
    await expect.element(base()).toHaveAccessibleDescription(why);
    await expect.element(save()).toBeDisabled();
  });

  it('names the host that will see the key for a proxy elsewhere, and saves it', async () => {
    open();
    await userEvent.fill(base(), 'https://liqlab.me.workers.dev/v1');
    await expect
      .element(base())
      .toHaveAccessibleDescription(
        'Your key will be sent to liqlab.me.workers.dev: whoever runs it can read the key.',
      );
    await expect.element(save()).toBeEnabled();
    await userEvent.click(save());
    await expect
      .poll(async () => (await loadSettings()).coinalyze.apiBaseUrl)
      .toBe('https://liqlab.me.workers.dev/v1');
  });

  it('says nothing about who sees the key for a path on this site', async () => {
    open();
    await userEvent.fill(base(), '/liqlab/coinalyze/v1');
    await expect.element(base()).not.toHaveAccessibleDescription();
    await expect.element(page.getByTestId('coinalyze-base-note')).not.toBeInTheDocument();
    await expect.element(save()).toBeEnabled();
  });

  it('the Telegram base URL follows the same rules for the bot token', async () => {
    open();
    const tg = page.getByLabelText('Telegram API base URL');
    await userEvent.fill(tg, 'http://tg.example');
    await expect.element(tg).toHaveAccessibleDescription(/Telegram API base URL: Plain http:\/\//);
    await expect.element(save()).toBeDisabled();
    await userEvent.fill(tg, 'https://tg-proxy.example');
    await expect
      .element(tg)
      .toHaveAccessibleDescription(
        'Your bot token will be sent to tg-proxy.example: whoever runs it can read the bot token.',
      );
    await expect.element(save()).toBeEnabled();
  });
});
