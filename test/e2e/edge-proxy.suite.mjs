// GitHub Pages + the edge proxy, end to end: the app built for /liqlab/ on a rewrite-free static host (one
// origin), the Cloudflare Worker in workerd on another origin in front of the fake Coinalyze. A user points
// "API base URL" at the Worker, checks it, saves, and the app goes Live with bars. A page on an origin the Worker
// does not list gets nothing.
import { freePort } from '../../scripts/preview.mjs';
import { createFakeCoinalyze } from '../fakes/coinalyze/server.mjs';
import { buildWorker, startWorker } from './edge-worker.mjs';
import { enterKey, waitLiveWithBars } from './go-live.mjs';
import { buildForBase, serveStatic } from './static-host.mjs';

const BASE = '/liqlab/';

export async function run({ check, assert, launch }) {
  const closers = [];
  try {
    const [dist, bundle] = await Promise.all([buildForBase(BASE), buildWorker()]);
    const pages = await serveStatic({ dir: dist, base: BASE, port: await freePort() });
    closers.push(pages.close);
    const stranger = await serveStatic({ dir: dist, base: BASE, port: await freePort() });
    closers.push(stranger.close);
    const fake = createFakeCoinalyze({ keys: ['test-key'], listedDaysAgo: 3, cookies: true });
    const upstream = await fake.listen(0);
    closers.push(() => fake.close());
    const worker = await startWorker(bundle, { upstream, allowedOrigins: pages.origin });
    closers.push(worker.dispose);
    const apiBase = `${worker.url}/v1`;

    const ctx = await launch();
    closers.push(() => ctx.close());
    const page = await ctx.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/.test(m.text())) problems.push(m.text());
    });

    await check(
      'the API base URL field names the Worker’s host as the one that will see the key',
      async () => {
        await page.goto(pages.url);
        await page.getByTestId('status-source').filter({ hasText: 'Demo' }).waitFor({ timeout: 20_000 });
        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByLabel('API base URL', { exact: true }).fill(apiBase);
        const note = await page.getByTestId('coinalyze-base-note').textContent();
        assert(note?.includes(`sent to ${new URL(worker.url).host}`), `note: ${note}`);
        await page.getByRole('button', { name: 'Cancel' }).click();
      },
    );

    await check(
      'through the Worker: "Send test request" succeeds, then Live with bars on the chart',
      async () => {
        const message = await enterKey(page, { key: 'test-key', baseUrl: apiBase });
        assert(/^Success: Coinalyze listed \d+ exchanges/.test(message), `test request: ${message}`);
        const bars = await waitLiveWithBars(page, assert);
        assert(bars > 0, 'no bars');
        const history = fake.log.filter((e) => e.path === '/v1/liquidation-history' && e.status === 200);
        assert(history.length > 0, 'no liquidation history came through the Worker');
        assert(!fake.log.some((e) => e.cookie), 'a cookie reached Coinalyze');
        const offBase = pages.requests.filter((p) => !p.startsWith(BASE));
        assert(offBase.length === 0, `the static host was asked for ${offBase.join(', ')}`);
        assert(problems.length === 0, problems.join('\n'));
      },
    );

    await check(
      'a page on an origin the Worker does not list cannot use it (network error, nothing forwarded)',
      async () => {
        const other = await launch();
        try {
          const p = await other.newPage();
          await p.goto(stranger.url);
          await p.getByTestId('status-source').filter({ hasText: 'Demo' }).waitFor({ timeout: 20_000 });
          const before = fake.log.length;
          const message = await enterKey(p, { key: 'test-key', baseUrl: apiBase });
          assert(/^Network error: .*CORS/.test(message), `test request: ${message}`);
          assert(fake.log.length === before, 'the Worker forwarded a request for an origin it does not list');
        } finally {
          await other.close();
        }
      },
    );
  } finally {
    for (const close of closers.reverse()) await close();
  }
}
