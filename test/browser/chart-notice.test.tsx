import '../../src/ui/styles.css';
import { render } from 'preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { BarFrame } from '../../src/core/series';
import { ChartView } from '../../src/ui/chart/ChartView';
import { randomFrame } from '../helpers/random-frame';
import { renderHosts } from './helpers/hosts';

const HISTORY =
  '1h history begins 2026-09-25 14:00 UTC; before that it is built from 5min, 15min, 1hour data';

describe('chart notices', () => {
  const newHost = renderHosts();
  beforeEach(() => sessionStorage.clear());

  const show = (frame: BarFrame, notice: string) => {
    const host = newHost('width:900px;height:600px;display:flex;flex-direction:column');
    render(<ChartView asset="BTC" frame={frame} notice={notice} theme="dark" />, host);
    return host;
  };

  it('an informational notice sits in a strip above the candles and can be dismissed; "needs finer data" stays central', async () => {
    const host = show(randomFrame(300, 1), HISTORY);
    const notice = page.getByRole('status').filter({ hasText: '1h history begins' });
    await expect.element(notice).toBeVisible();
    const chart = host.querySelector('figure.chart')?.getBoundingClientRect();
    const strip = notice.element().getBoundingClientRect();
    expect(chart?.height).toBeGreaterThan(400);
    expect(strip.bottom).toBeLessThanOrEqual(chart?.top ?? 0);
    await userEvent.click(page.getByRole('button', { name: 'Dismiss notice' }));
    expect(host.textContent).not.toContain('1h history begins');
    // Remembered for the session: the same notice stays away when the chart is drawn again; another one shows.
    render(null, host);
    show(randomFrame(300, 1), HISTORY);
    await new Promise((r) => setTimeout(r, 50));
    expect(document.body.textContent).not.toContain('1h history begins');
    show(randomFrame(300, 1), '4h history begins 2026-09-20 00:00 UTC');
    await expect.element(page.getByText('4h history begins')).toBeVisible();
    // With no bars (a timeframe finer than the stored data) the notice stays in the middle: nothing to hide.
    const emptyHost = show(randomFrame(0, 1, 300), '5m needs data finer than the stored 1hour buckets');
    await expect.element(page.getByText('5m needs data finer')).toBeVisible();
    const area = emptyHost.querySelector('.chart-area')?.getBoundingClientRect();
    const box = page.getByText('5m needs data finer').element().getBoundingClientRect();
    expect(box.top - (area?.top ?? 0)).toBeGreaterThan((area?.height ?? 0) * 0.3);
    expect(emptyHost.querySelector('button[aria-label="Dismiss notice"]')).toBeNull();
  });
});
