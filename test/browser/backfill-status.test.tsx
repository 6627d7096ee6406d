import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { type FetchStatus, NOTICE_CHANNEL } from '../../src/core/notices';
import { broadcastBus } from '../../src/platform/notice-bus';
import { toStatusInfo } from '../../src/ui/data/use-live';
import { BackfillCard } from '../../src/ui/status/BackfillCard';
import { StatusBar, type StatusInfo } from '../../src/ui/status/StatusBar';
import { useBackfillDetail } from '../../src/ui/status/use-backfill';
// The app's styles, so the status bar is laid out as on a phone.
import '../../src/ui/styles.css';

const initial: StatusInfo = {
  source: 'Live',
  lastUpdate: null,
  callsUsed: 12,
  callsBudget: 40,
  backfill: 0.3,
};

// The first backfill as the user sees it, rendered from the fetcher's status notices on the real channel, through
// the app's own mapping to the status bar.
function Shell() {
  const detail = useBackfillDetail();
  const [info, setInfo] = useState(initial);
  useEffect(
    () =>
      broadcastBus().subscribe((n) => {
        if (n.type === 'status') setInfo((p) => toStatusInfo(n.status, p));
      }),
    [],
  );
  return (
    <>
      <BackfillCard detail={detail} />
      <StatusBar asset="BTC" info={info} completeAt={detail?.completeAt ?? null} />
    </>
  );
}

const base: FetchStatus = {
  state: 'live',
  callsUsed: 12,
  callsBudget: 40,
  backfill: 0.3,
  lastUpdate: null,
  message: null,
};

describe('first backfill progress', () => {
  const host = document.createElement('div');
  document.body.append(host);
  const channel = new BroadcastChannel(NOTICE_CHANNEL);
  /** Sends a status notice as the fetching tab would: `base` with `change` over it. */
  const post = (change: Partial<FetchStatus>) =>
    channel.postMessage({ type: 'status', status: { ...base, ...change } });
  afterEach(() => render(null, host));
  // The shell subscribes in an effect, after its first paint.
  const mount = async () => {
    render(<Shell />, host);
    await new Promise((r) => setTimeout(r, 100));
  };

  it('shows each interval arriving and when the chart will be complete', async () => {
    await mount();
    const inFourMinutes = Math.floor(Date.now() / 1000) + 4 * 60 + 10;
    post({
      intervals: [
        { interval: '1min', done: 40, total: 40 },
        { interval: '5min', done: 10, total: 40 },
        { interval: 'daily', done: 0, total: 80 },
      ],
      completeAt: inFourMinutes,
    });
    const card = page.getByRole('region', { name: 'History being fetched' });
    await expect.element(card).toBeVisible();
    await expect.element(card.getByRole('listitem').nth(0)).toHaveTextContent('1min');
    await expect.element(card.getByRole('listitem').nth(0)).toHaveTextContent('done');
    await expect.element(card.getByRole('listitem').nth(1)).toHaveTextContent('25%');
    await expect.element(card.getByRole('listitem').nth(2)).toHaveTextContent('0%');
    const hhmm = new Date(inFourMinutes * 1000).toISOString().slice(11, 16);
    await expect
      .element(page.getByTestId('backfill-complete'))
      .toHaveTextContent(`Chart complete at ${hhmm} UTC (in about 4 min)`);
    await expect.element(page.getByTestId('status-backfill')).toHaveTextContent(`complete ${hhmm} UTC`);
  });

  it('goes away when the backfill ends, and stays away for a status without per-interval detail', async () => {
    await mount();
    post({ intervals: [{ interval: '1hour', done: 1, total: 2 }], completeAt: null });
    await expect.element(page.getByText('Completion time not known yet.')).toBeVisible();
    post({ backfill: null, intervals: null });
    await expect.element(page.getByRole('region', { name: 'History being fetched' })).not.toBeInTheDocument();
    post({});
    await new Promise((r) => setTimeout(r, 100));
    await expect.element(page.getByRole('region', { name: 'History being fetched' })).not.toBeInTheDocument();
  });

  it('says open interest and funding are still filling after liquidations and candles, and idle only after them', async () => {
    await page.viewport(390, 844);
    await mount();
    const bar = page.getByTestId('status-backfill');
    const contextBar = page.getByRole('progressbar', { name: 'Open interest and funding backfill progress' });
    post({
      backfill: 0.63,
      intervals: [{ interval: '1min', done: 63, total: 100 }],
      contextBackfill: { done: 0, total: 56 },
    });
    // While liquidations and candles fill, the share of those, as before.
    await expect.element(bar).toHaveTextContent('Backfill: 63%');
    await expect.element(bar).not.toHaveTextContent('open interest');
    await expect.element(contextBar).not.toBeInTheDocument();
    post({ backfill: null, intervals: null, contextBackfill: { done: 3, total: 56 } });
    await expect.element(bar).toHaveTextContent('Backfill: open interest & funding 3/56');
    await expect.element(bar).not.toHaveTextContent('idle');
    await expect.element(bar).not.toHaveTextContent('complete');
    // On a 390 px phone the count stays one line, like the API budget beside it.
    const height = (id: string) => page.getByTestId(id).element().getBoundingClientRect().height;
    expect(height('status-backfill')).toBeLessThan(1.6 * height('status-budget'));
    // With its completion time (estimated apart from the chart's rows).
    const inSixMinutes = Math.floor(Date.now() / 1000) + 6 * 60 + 10;
    post({
      backfill: null,
      intervals: null,
      contextBackfill: { done: 3, total: 56 },
      contextCompleteAt: inSixMinutes,
    });
    const hhmm = new Date(inSixMinutes * 1000).toISOString().slice(11, 16);
    await expect
      .element(bar)
      .toHaveTextContent(`open interest & funding 3/56 · complete ${hhmm} UTC (in about 6 min)`);
    await expect.element(contextBar).toHaveAttribute('value', '3');
    await expect.element(contextBar).toHaveAttribute('max', '56');
    await expect
      .element(page.getByRole('progressbar', { name: 'Backfill progress', exact: true }))
      .not.toBeInTheDocument();
    await expect.element(page.getByRole('region', { name: 'History being fetched' })).not.toBeInTheDocument();
    // The time may wrap on a phone, but nothing of it is cut off.
    const box = bar.element().getBoundingClientRect();
    expect(box.right).toBeLessThanOrEqual(390);
    expect(bar.element().scrollWidth).toBeLessThanOrEqual(bar.element().clientWidth + 1);
    post({ backfill: null, contextBackfill: null });
    await expect.element(bar).toHaveTextContent('Backfill: idle');
    await expect.element(contextBar).not.toBeInTheDocument();
    // A fetcher from before the count sends none: idle, as it always said.
    post({ backfill: 0.5 });
    await expect.element(bar).toHaveTextContent('Backfill: 50%');
    post({ backfill: null });
    await expect.element(bar).toHaveTextContent('Backfill: idle');
    await page.viewport(1280, 800);
  });

  it('says how many series are paused (set aside), in the card and beside the open interest and funding count', async () => {
    await mount();
    post({
      backfill: 0.95,
      intervals: [
        { interval: '1min', done: 40, total: 41, paused: 1 },
        { interval: '1hour', done: 38, total: 41, paused: 1 },
      ],
      completeAt: null,
    });
    const card = page.getByRole('region', { name: 'History being fetched' });
    await expect.element(card.getByRole('listitem').nth(0)).toHaveTextContent('98% · 1 paused');
    await expect.element(card.getByRole('listitem').nth(1)).toHaveTextContent('93% · 1 paused');
    post({ backfill: null, intervals: null, contextBackfill: { done: 40, total: 56, paused: 2 } });
    await expect
      .element(page.getByTestId('status-backfill'))
      .toHaveTextContent('open interest & funding 40/56 (2 paused)');
    await expect.element(card).not.toBeInTheDocument();
    // More paused than are left to do is not a count this page shows (a malformed status): the card stays away.
    post({ intervals: [{ interval: '1min', done: 40, total: 41, paused: 2 }] });
    await new Promise((r) => setTimeout(r, 100));
    await expect.element(card).not.toBeInTheDocument();
  });
});
