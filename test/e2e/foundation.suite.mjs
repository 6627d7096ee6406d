// The app shell on demo data: chart drawn, legend, timeframes, keyboard, layout persistence, PWA, offline, mobile.
// (README screenshots: layout.suite.mjs with SCREENS=1.)
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { chartFingerprint, paneColourCounts } from './pixels.mjs';

const GREEN = '#26a69a';
const RED = '#ef5350';

async function openApp(ctx, APP_URL) {
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto(APP_URL);
  await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });
  await waitForStoredData(page);
  await page.waitForTimeout(300);
  return { page, problems };
}

/** The first paint may be the demo preview (recent bars only); the analysed stored frame follows. */
async function waitForStoredData(page) {
  await page.locator('.analysis-counts').waitFor({ timeout: 20_000 });
}

const bars = async (page) => Number(await page.locator('#chart').getAttribute('data-bars'));

export async function run({ check, assert, launch, APP_URL }) {
  const ctx = await launch();
  const { page, problems } = await openApp(ctx, APP_URL);

  await check('demo data is on the chart and labelled Demo in the status bar', async () => {
    assert((await bars(page)) === 1465, `expected 1465 hourly bars, got ${await bars(page)}`);
    const status = await page.locator('footer').innerText();
    assert(/Demo data/.test(status), `status bar: ${status}`);
    assert(/Last update: 2024-08-19/.test(status), `status bar: ${status}`);
    assert(/API calls: \d+\/40 per min/.test(status), `status bar: ${status}`);
    assert(/Backfill:/.test(status), `status bar: ${status}`);
  });

  await check('on a first visit the chart is drawn before workers and precaching start', async () => {
    // What the first paint must not compete with (docs/architecture.md, "Startup"): the worker scripts and the
    // service worker's precache requests are fetched only after the first chart is on screen.
    const t = await page.evaluate(() => ({
      chart: performance.getEntriesByName('liqlab:first-chart')[0]?.startTime ?? null,
      late: performance
        .getEntriesByType('resource')
        .filter((e) => /worker-[\w-]+\.js$|\/sw\.js$/.test(e.name))
        .map((e) => [e.name.replace(/^.*\//, ''), e.startTime]),
      boot: performance.getEntriesByName('liqlab:boot')[0]?.startTime ?? null,
      lib: performance
        .getEntriesByType('resource')
        .filter((e) => /lightweight-charts-[\w-]+\.js$/.test(e.name))
        .map((e) => e.startTime),
    }));
    assert(t.chart !== null, 'no liqlab:first-chart mark');
    assert(t.late.length >= 2, `expected both worker scripts in resource timing: ${JSON.stringify(t.late)}`);
    for (const [name, start] of t.late)
      assert(start > t.chart, `${name} started at ${start}, chart at ${t.chart}`);
    // The library is a dynamic import, but its download starts with the HTML, before the entry script runs.
    assert(
      t.lib.length === 1 && t.boot !== null && (t.lib[0] ?? Infinity) < t.boot,
      `chart library: ${t.lib}, boot ${t.boot}`,
    );
  });

  await check('spike markers and the analysis summary appear on the demo data', async () => {
    const counts = page.locator('.analysis-counts');
    assert(Number(await counts.getAttribute('data-events')) >= 5, `events: ${await counts.textContent()}`);
  });

  await check('candles and both histogram sides are drawn (pixels, per pane)', async () => {
    const c = await paneColourCounts(page, { green: GREEN, red: RED });
    assert(c.top.green > 200 && c.top.red > 200, `candle pixels ${JSON.stringify(c.top)}`);
    assert(c.bottom.green > 50 && c.bottom.red > 50, `histogram pixels ${JSON.stringify(c.bottom)}`);
  });

  await check('the legend follows the crosshair', async () => {
    const box = await page.locator('#chart').boundingBox();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
    const a = await page.getByTestId('legend').innerText();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
    const b = await page.getByTestId('legend').innerText();
    assert(a !== b, 'legend did not change between two bars');
    assert(/O [\d,]+/.test(b) && /Longs \$/.test(b) && /Shorts \$/.test(b), `legend: ${b}`);
  });

  await check('a timeframe button re-bins the bars', async () => {
    await page.getByRole('button', { name: '4h', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('#chart')?.getAttribute('data-bars') !== '1465');
    const n = await bars(page);
    assert(n >= 366 && n <= 368, `4h bars: ${n}`);
    assert(
      (await page.getByRole('button', { name: '4h', exact: true }).getAttribute('aria-pressed')) === 'true',
      '4h not pressed',
    );
  });

  await check('a timeframe finer than the stored data says so instead of drawing zeros', async () => {
    await page.getByRole('button', { name: '1m', exact: true }).click();
    await page.getByText(/needs data finer than the stored 1hour/).waitFor({ timeout: 5000 });
    // Only that notice: no "No BTC data yet — add a key" box over it (the demo's hourly data is stored).
    await page.waitForTimeout(500);
    assert((await page.getByTestId('asset-empty').count()) === 0, 'an empty-state box covers the notice');
    // A contract filter that matches nothing stored says so, and one click brings all contracts back.
    await page.getByRole('button', { name: '1h', exact: true }).click();
    await page.getByLabel('Contracts').selectOption('margin:COIN');
    const empty = page.getByTestId('asset-empty');
    await empty
      .filter({ hasText: 'No BTC data stored for COIN-margined contracts.' })
      .waitFor({ timeout: 5000 });
    const text = await page.locator('.chart-area').innerText();
    assert(!/add a Coinalyze key|No data stored yet/.test(text), `chart says: ${text}`);
    await page.getByRole('button', { name: 'Show all contracts' }).click();
    await page.waitForFunction(() => document.querySelector('#chart')?.getAttribute('data-bars') === '1465');
    assert((await empty.count()) === 0, 'the empty state stayed up over the bars');
    await page.getByRole('button', { name: '1m', exact: true }).click();
  });

  await check('keyboard: Alt+4 picks 1h, arrows pan, + zooms', async () => {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Alt+4');
    await page.waitForFunction(() => document.querySelector('#chart')?.getAttribute('data-bars') === '1465');
    await page.waitForTimeout(200);
    const before = await chartFingerprint(page);
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(200);
    const panned = await chartFingerprint(page);
    assert(before !== panned, 'ArrowLeft did not move the chart');
    await page.keyboard.press('+');
    await page.waitForTimeout(200);
    assert(panned !== (await chartFingerprint(page)), '+ did not zoom');
  });

  await check('layout (timeframe, theme) persists across a reload', async () => {
    await page.getByRole('button', { name: '4h', exact: true }).click();
    await page.getByRole('button', { name: 'Light theme' }).click();
    await page.reload();
    await page.waitForSelector('#chart[data-ready="true"]');
    await waitForStoredData(page);
    assert(
      (await page.getByRole('button', { name: '4h', exact: true }).getAttribute('aria-pressed')) === 'true',
      'timeframe lost',
    );
    assert((await page.evaluate(() => document.documentElement.dataset.theme)) === 'light', 'theme lost');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.getByRole('button', { name: '1h', exact: true }).click();
  });

  await check('settings dialog opens with labelled inputs', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Coinalyze API key').waitFor();
    await page.getByLabel('API base URL', { exact: true }).waitFor();
    assert(
      (await page.getByLabel('API base URL', { exact: true }).inputValue()) === '/coinalyze/v1',
      'default base URL',
    );
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  await check('the service worker controls the page', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
  });

  await check('Chrome reports the app installable (no installability or manifest errors)', async () => {
    const cdp = await ctx.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert(installabilityErrors.length === 0, JSON.stringify(installabilityErrors));
    const manifest = await cdp.send('Page.getAppManifest');
    assert((manifest.errors ?? []).length === 0, JSON.stringify(manifest.errors));
  });

  await check('the chart follows the window when it is resized', async () => {
    const width = () =>
      page.evaluate(() => document.querySelector('#chart canvas')?.getBoundingClientRect().width ?? 0);
    const before = await width();
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForFunction((w) => {
      const c = document.querySelector('#chart canvas');
      return c !== null && c.getBoundingClientRect().width < w - 200;
    }, before);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForFunction(
      (w) => (document.querySelector('#chart canvas')?.getBoundingClientRect().width ?? 0) >= w - 1,
      before,
    );
  });

  await check('back at 1280×800 the chart fills the window with candles and histograms drawn', async () => {
    await page.waitForTimeout(300);
    const box = await page.locator('#chart').boundingBox();
    assert(box.width > 1000 && box.height > 400, `chart ${box.width}×${box.height}`);
    const c = await paneColourCounts(page, { green: GREEN, red: RED });
    assert(c.top.green > 200 && c.bottom.red > 50, `pixels ${JSON.stringify(c)}`);
  });

  await check('offline reload still shows the chart with stored data', async () => {
    await ctx.setOffline(true);
    await page.reload();
    await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });
    await waitForStoredData(page);
    assert((await bars(page)) === 1465, `bars offline: ${await bars(page)}`);
    const c = await paneColourCounts(page, { green: GREEN, red: RED });
    assert(c.top.green > 200 && c.bottom.red > 50, `offline pixels ${JSON.stringify(c)}`);
    await ctx.setOffline(false);
  });

  await check('no CSP violations or script errors while using the app', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });
  await ctx.close();

  await check(
    'phone-sized screen (390×844): toolbar, chart and status bar usable, no sideways scroll',
    async () => {
      const phone = await launch({ width: 390, height: 844 });
      const { page: p } = await openApp(phone, APP_URL);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `page scrolls sideways by ${overflow}px`);
      await p.getByRole('button', { name: '4h', exact: true }).click();
      await p.waitForFunction(() => document.querySelector('#chart')?.getAttribute('data-bars') !== '1465');
      const chartBox = await p.locator('#chart').boundingBox();
      assert(chartBox.height > 400 && chartBox.width >= 380, `chart box ${JSON.stringify(chartBox)}`);
      assert(await p.locator('footer').isVisible(), 'status bar hidden');
      // The toolbar keeps the timeframes; the rest is one tap away under More.
      await p.getByRole('button', { name: 'More' }).click();
      await p.getByRole('button', { name: 'Settings' }).click();
      const dialog = await p.getByRole('dialog').boundingBox();
      assert(dialog.width <= 390, `settings dialog ${dialog.width}px wide`);
      await phone.close();
    },
  );

  await check('the tab title names the asset on screen', async () => {
    const c3 = await launch();
    try {
      const { page: p } = await openApp(c3, APP_URL);
      assert((await p.title()) === 'LiqLab — BTC liquidations', `title: ${await p.title()}`);
      await p.goto(`${APP_URL}?asset=ETH`);
      await p.waitForFunction(() => document.title === 'LiqLab — ETH liquidations', null, {
        timeout: 10_000,
      });
    } finally {
      await c3.close();
    }
  });

  await check('a new version shows "Update available" and reloads only when the user says so', async () => {
    const c2 = await launch();
    const { page: p } = await openApp(c2, APP_URL);
    await p.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10_000 });
    await p.evaluate(() => {
      window.__marker = 'still here';
    });
    const original = readFileSync('dist/sw.js');
    try {
      appendFileSync('dist/sw.js', `\n// e2e: a new deploy ${Date.now()}\n`);
      await p.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      await p.getByText('Update available').waitFor({ timeout: 15_000 });
      await p.waitForTimeout(1500);
      assert((await p.evaluate(() => window.__marker)) === 'still here', 'the page reloaded on its own');
      await Promise.all([
        p.waitForEvent('load', { timeout: 15_000 }),
        p.getByRole('button', { name: 'Reload' }).click(),
      ]);
      assert((await p.evaluate(() => window.__marker)) === undefined, 'Reload did not reload');
    } finally {
      writeFileSync('dist/sw.js', original);
      await c2.close();
    }
  });
}
