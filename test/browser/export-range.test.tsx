import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ALL_CONTRACTS } from '../../src/core/market';
import { fetcher } from '../../src/ui/app/services';
import { ExportDialog } from '../../src/ui/csv/ExportDialog';
import { renderHosts } from './helpers/hosts';

describe('Export CSV dialog range', () => {
  const newHost = renderHosts();

  const open = async () => {
    await fetcher.api.ensureDemo('/demo/btcusdt-perp-1h.bin');
    render(
      <ExportDialog source="demo" asset="BTC" timeframe="1h" filter={ALL_CONTRACTS} onClose={() => {}} />,
      newHost(),
    );
  };

  it('says "From is after To" and disables Save when the dates are reversed', async () => {
    await open();
    await userEvent.fill(page.getByLabelText('From (UTC date)'), '2024-08-10');
    await userEvent.fill(page.getByLabelText('To (UTC date, exclusive)'), '2024-08-01');
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent('From (2024-08-10) is after To (2024-08-01)', { normalizeWhitespace: true });
    await expect.element(page.getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.fill(page.getByLabelText('To (UTC date, exclusive)'), '2024-08-20');
    await expect.element(page.getByRole('button', { name: 'Save' })).toBeEnabled();
    expect(document.querySelector('[role="alert"]')).toBeNull();
  });

  it('says there is no stored data in the range and downloads no empty file', async () => {
    await open();
    let downloads = 0;
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download) downloads++;
      else click.call(this);
    };
    try {
      await userEvent.selectOptions(page.getByLabelText('Destination'), 'download');
      await userEvent.fill(page.getByLabelText('From (UTC date)'), '2019-01-01');
      await userEvent.fill(page.getByLabelText('To (UTC date, exclusive)'), '2019-02-01');
      await userEvent.click(page.getByRole('button', { name: 'Save' }));
      await expect
        .element(page.getByRole('status'))
        .toHaveTextContent(
          'No stored data from 2019-01-01 to 2019-02-01 for these contracts: nothing exported.',
        );
      expect(downloads).toBe(0);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
  });
});
