// Live idle cost: one Live tab on the fake Coinalyze (a small contract set, so backfill is short), measured after
// backfill as the CPU time of every Chromium process over 5 minutes (/proc utime + stime of the browser's process
// tree), as a share of one core. The same tab is then reloaded with `?quiet=off` (every notice applied at once,
// re-reading the whole frame and redrawing the overlays: the behaviour before) and measured again as the baseline;
// then once more told it is hidden, and finally on about:blank (Chromium's own floor).

import { startPreview, waitUntil } from '../../scripts/preview.mjs';
import { makeMarkets } from '../../test/fakes/coinalyze/data.mjs';
import { createFakeCoinalyze } from '../../test/fakes/coinalyze/server.mjs';
import { chromiumRoots, measureTreeCpu } from '../lib/proc-cpu.mjs';

const CONTRACTS = ['BTCUSDT_PERP.A', 'BTCUSD_PERP.A', 'BTCUSDT_PERP.6', 'BTCUSDT_PERP.3'];

/** In the page: counts archive data notices and analysed frames from now on. */
const COUNT_ACTIVITY = () => {
  const w = window;
  w.__idle = { notices: 0, statuses: 0 };
  const ch = new BroadcastChannel('liqlab');
  ch.onmessage = (e) => {
    if (e.data?.type === 'data-changed') w.__idle.notices++;
    if (e.data?.type === 'status') w.__idle.statuses++;
  };
  performance.clearMarks('liqlab:analysis-frame');
};
const READ_ACTIVITY = () => ({
  notices: window.__idle?.notices ?? 0,
  statuses: window.__idle?.statuses ?? 0,
  frames: performance.getEntriesByName('liqlab:analysis-frame').length,
});

/**
 * Headless Chromium never hides a page: the app is told it is hidden (visibilityState and its event). Chromium's
 * own throttling of background tabs does not happen, so this is an upper bound for a tab in the background.
 */
const HIDE = () => {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
};

/** When the fake last answered an open interest or funding request (0: never). */
const lastContextRequest = (fake) =>
  fake.log.filter((r) => /interest|funding/.test(r.path)).reduce((t, r) => Math.max(t, r.at), 0);

async function waitBackfilled(page) {
  await page.getByTestId('status-source').filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-ready=true]') !== null, null, {
    timeout: 120_000,
  });
  // Backfill done: "idle" held for 15 s (it also reads idle for a moment before the first turn).
  await page.waitForFunction(
    () => {
      const idle = /Backfill: idle/.test(
        document.querySelector('[data-testid=status-backfill]')?.textContent ?? '',
      );
      const w = window;
      if (!idle) w.__idleSince = undefined;
      else w.__idleSince ??= Date.now();
      return idle && Date.now() - w.__idleSince > 15_000;
    },
    null,
    { timeout: 600_000, polling: 500 },
  );
}

async function measure(page, fake, seconds, label) {
  const roots = chromiumRoots();
  if (roots.length !== 1) throw new Error(`expected one Chromium browser process, found ${roots.length}`);
  if (page.url().startsWith('http')) await page.evaluate(COUNT_ACTIVITY);
  const calls0 = fake.log.length;
  const m = measureTreeCpu(roots);
  await page.waitForTimeout(seconds * 1000);
  const r = m.stop();
  const activity = page.url().startsWith('http')
    ? await page.evaluate(READ_ACTIVITY)
    : { notices: 0, frames: 0 };
  const pct = (100 * r.cpuS) / r.wallS;
  const kinds = Object.entries(r.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
    .join(', ');
  console.log(
    `  ${label}: ${pct.toFixed(2)} % of one core (${r.cpuS.toFixed(1)} s CPU in ${r.wallS.toFixed(0)} s; ${kinds}); ` +
      `${fake.log.length - calls0} requests, ${activity.notices} data notices, ${activity.statuses} status ` +
      `notices, ${activity.frames} frames analysed`,
  );
  return { pct, ...r, ...activity, requests: fake.log.length - calls0 };
}

export async function run({ launch }) {
  const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 300);
  const nowSec = Math.floor(Date.now() / 1000);
  const fake = createFakeCoinalyze({
    keys: ['bench-key'],
    listedDaysAgo: 10,
    markets: makeMarkets(nowSec).filter((m) => CONTRACTS.includes(m.symbol)),
  });
  const upstream = await fake.listen(0);
  const preview = await startPreview({
    env: { COINALYZE_UPSTREAM: upstream },
  });
  const { url } = preview;
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Coinalyze API key').fill('bench-key');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const t0 = Date.now();
    await waitBackfilled(page);
    // "Backfill: idle" now waits for open interest and funding too; a minute without a context request on top
    // makes sure their last answers are in (then only the 5-minute OI refresh and the hourly ones remain).
    await waitUntil(() => Date.now() - lastContextRequest(fake) > 60_000, 900_000, 'context backfill', 1000);
    console.log(
      `  backfill of ${CONTRACTS.length} contracts (open interest and funding included) done in ` +
        `${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    const runs = {};
    for (const mode of ['on', 'off', 'hidden']) {
      await page.goto(mode === 'off' ? `${url}?quiet=off` : url);
      await waitBackfilled(page);
      await page.waitForTimeout(20_000); // the reload's catch-up (gap fills, first analyses) is not idle time
      if (mode === 'hidden') await page.evaluate(HIDE);
      runs[mode] = await measure(
        page,
        fake,
        seconds,
        { on: 'quiet', off: 'quiet=off (before)', hidden: 'hidden' }[mode],
      );
    }
    // The browser's own floor: the same Chromium with the tab on about:blank (no app, no workers).
    await page.goto('about:blank');
    await page.waitForTimeout(10_000);
    const floor = await measure(page, fake, seconds, 'about:blank (floor)');
    const note = (r) =>
      `${r.requests} requests, ${r.notices} data notices, ${r.statuses} status notices, ${r.frames} frames ` +
      `analysed; ` +
      Object.entries(r.byKind)
        .sort((a, b) => b[1] - a[1])
        .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
        .join(', ');
    return {
      'live.idle_cpu_hidden_pct': {
        value: runs.hidden.pct,
        unit: '%',
        note:
          `the same tab told it is hidden (document.visibilityState; headless Chromium cannot hide a tab, so ` +
          `its own background throttling is missing: an upper bound); fetching goes on, nothing is analysed or ` +
          `drawn; ${note(runs.hidden)}`,
      },
      'live.idle_cpu_pct': {
        value: runs.on.pct,
        unit: '%',
        baseline: runs.off.pct,
        note:
          `target ≤ 2; CPU of all Chromium processes (/proc utime+stime) over ${seconds} s of one visible Live ` +
          `tab after backfill (${CONTRACTS.length} contracts), as a share of one core; ${note(runs.on)}. ` +
          `Baseline: the same tab with ?quiet=off (every notice applied at once, re-reading the whole frame): ` +
          `${note(runs.off)}. Chromium's own floor, the same browser on about:blank: ${floor.pct.toFixed(2)} %`,
      },
    };
  } finally {
    await ctx.close();
    preview.stop();
    await fake.close();
  }
}
