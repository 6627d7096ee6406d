import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { AlertsSection } from '../../src/ui/settings/AlertsSection';

describe('Settings → Alerts: "Attach chart snapshot"', () => {
  const host = document.createElement('div');
  document.body.append(host);
  afterEach(() => render(null, host));

  it('says, next to the checkbox, what the picture shows and that it does not depend on the chart', async () => {
    render(<AlertsSection draft={DEFAULT_SETTINGS} onChange={() => {}} asset="BTC" />, host);
    const box = page.getByRole('checkbox', { name: 'Attach chart snapshot' });
    await expect.element(box).toBeInTheDocument();
    const hint = page.getByTestId('snapshot-hint');
    await expect.element(hint).toBeVisible();
    const text = hint.element().textContent ?? '';
    for (const part of [
      'whatever the chart shows',
      "the last 120 bars of the alert's timeframe and contract filter",
      'support/resistance zones',
      'short (green, up) and long (red, down) liquidations',
      "the spike's bars marked",
      'UTC time range',
    ]) {
      expect(text).toContain(part);
    }
    // It sits right under the checkbox it explains.
    expect(box.element().closest('label')?.nextElementSibling).toBe(hint.element());
  });
});
