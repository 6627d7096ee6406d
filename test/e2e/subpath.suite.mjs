// The app built for a sub-path (BASE_PATH=/liqlab/) on a static host without rewrites, as on a GitHub project
// page: demo chart, nothing requested outside /liqlab/, service worker scoped there, installable, offline reload.
import { freePort } from '../../scripts/preview.mjs';
import { paneColourCounts } from './pixels.mjs';
import { buildForBase, serveStatic } from './static-host.mjs';

const BASE = '/liqlab/';

export async function run({ check, assert, launch }) {
  const port = await freePort();
  let host;
  await check('the app builds for /liqlab/ (BASE_PATH)', async () => {
    host = await serveStatic({ dir: await buildForBase(BASE), base: BASE, port });
  });
  if (!host) return;
  const ctx = await launch();
  const problems = [];
  try {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });

    await check('under /liqlab/ the demo chart draws', async () => {
      await page.goto(host.url);
      await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });
      await page.locator('.analysis-counts').waitFor({ timeout: 20_000 });
      const bars = Number(await page.locator('#chart').getAttribute('data-bars'));
      assert(bars === 1465, `expected the 1465 demo bars, got ${bars}`);
      const c = await paneColourCounts(page, { green: '#26a69a', red: '#ef5350' });
      assert(c.top.green > 200 && c.bottom.red > 50, `pixels ${JSON.stringify(c)}`);
    });

    await check('the service worker is scoped to /liqlab/ and controls the page', async () => {
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
        timeout: 15_000,
      });
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
      assert(scope === host.url, `scope ${scope}`);
    });

    await check('Chrome reports it installable, with start_url and scope under /liqlab/', async () => {
      const cdp = await ctx.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      assert(installabilityErrors.length === 0, JSON.stringify(installabilityErrors));
      const manifest = await cdp.send('Page.getAppManifest');
      assert((manifest.errors ?? []).length === 0, JSON.stringify(manifest.errors));
      assert(manifest.url === `${host.url}manifest.webmanifest`, `manifest at ${manifest.url}`);
      const parsed = manifest.manifest ?? {};
      assert(parsed.startUrl === host.url && parsed.scope === host.url, `parsed ${JSON.stringify(parsed)}`);
      assert(
        (parsed.icons ?? []).every((i) => i.url.startsWith(`${host.url}icons/`)),
        `icons ${JSON.stringify(parsed.icons)}`,
      );
    });

    await check(
      'nothing (page, workers, service worker, precache) is requested outside /liqlab/',
      async () => {
        const outside = host.requests.filter((p) => !p.startsWith(BASE));
        assert(outside.length === 0, `requested outside the base: ${outside.join(', ')}`);
        for (const part of [
          'sw.js',
          'manifest.webmanifest',
          'icons/icon-192.png',
          'demo/btcusdt-perp-1h.bin',
        ])
          assert(
            host.requests.includes(`${BASE}${part}`),
            `${part} never requested: ${host.requests.join(', ')}`,
          );
        assert(
          host.requests.filter((p) => /\/assets\/(fetch|compute)\.worker-/.test(p)).length >= 2,
          'worker scripts not loaded from /liqlab/assets/',
        );
      },
    );

    await check('offline reload under /liqlab/ still shows the chart', async () => {
      const before = host.requests.length;
      await ctx.setOffline(true);
      await page.reload();
      await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });
      await page.locator('.analysis-counts').waitFor({ timeout: 20_000 });
      const bars = Number(await page.locator('#chart').getAttribute('data-bars'));
      assert(bars === 1465, `bars offline: ${bars}`);
      assert(
        host.requests.length === before,
        `offline, yet the host saw ${host.requests.slice(before).join(', ')}`,
      );
      await ctx.setOffline(false);
    });

    await check('a deep link into /liqlab/ offline is answered by the service worker', async () => {
      await ctx.setOffline(true);
      await page.goto(`${host.url}?t=1723000000&tf=1h`);
      await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });
      await ctx.setOffline(false);
    });

    await check('no CSP violations or script errors under /liqlab/', async () => {
      assert(problems.length === 0, problems.join('\n'));
    });
  } finally {
    await ctx.close();
    await host.close();
  }
}
