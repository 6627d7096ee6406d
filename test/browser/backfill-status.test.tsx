import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { type FetchStatus, NOTICE_CHANNEL } from '../../src/core/notices';
import { BackfillCard } from '../../src/ui/status/BackfillCard';
import { StatusBar } from '../../src/ui/status/StatusBar';
import { useBackfillDetail } from '../../src/ui/status/use-backfill';

// The first backfill as the user sees it, rendered from the fetcher's status notices on the real channel.
function Shell() {
  const detail = useBackfillDetail();
  return (
    <>
      <BackfillCard detail={detail} />
      <StatusBar
        asset="BTC"
        info={{ source: 'Live', lastUpdate: null, callsUsed: 12, callsBudget: 40, backfill: 0.3 }}
        completeAt={detail?.completeAt ?? null}
      />
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
  afterEach(() => render(null, host));
  // The shell subscribes in an effect, after its first paint.
  const mount = async () => {
    render(<Shell />, host);
    await new Promise((r) => setTimeout(r, 100));
  };

  it('shows each interval arriving and when the chart will be complete', async () => {
    await mount();
    const inFourMinutes = Math.floor(Date.now() / 1000) + 4 * 60 + 10;
    channel.postMessage({
      type: 'status',
      status: {
        ...base,
        intervals: [
          { interval: '1min', done: 40, total: 40 },
          { interval: '5min', done: 10, total: 40 },
          { interval: 'daily', done: 0, total: 80 },
        ],
        completeAt: inFourMinutes,
      },
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
    channel.postMessage({
      type: 'status',
      status: { ...base, intervals: [{ interval: '1hour', done: 1, total: 2 }], completeAt: null },
    });
    await expect.element(page.getByText('Completion time not known yet.')).toBeVisible();
    channel.postMessage({ type: 'status', status: { ...base, backfill: null, intervals: null } });
    await expect.element(page.getByRole('region', { name: 'History being fetched' })).not.toBeInTheDocument();
    channel.postMessage({ type: 'status', status: base });
    await new Promise((r) => setTimeout(r, 100));
    await expect.element(page.getByRole('region', { name: 'History being fetched' })).not.toBeInTheDocument();
  });
});
