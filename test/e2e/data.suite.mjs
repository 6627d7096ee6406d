// Live data e2e: the fake Coinalyze behind `vite preview`'s /coinalyze proxy (COINALYZE_UPSTREAM), a key entered in
// settings, the status bar going Live and the first backfill's card, bars appearing, the newest bar updating as the
// fake's clock moves, and through the app's own selectors the open interest and funding panes (legend values from
// the fetched series) and the histogram by exchange (its stacks add up to the bar).

import { startPreview } from '../../scripts/preview.mjs';
import { makeMarkets } from '../fakes/coinalyze/data.mjs';
import { createFakeCoinalyze } from '../fakes/coinalyze/server.mjs';

export async function run({ check, assert, launch }) {
  // Three exchanges' BTC contracts (12): enough for the filters below, and a first backfill of about two minutes
  // at 40 calls/min (the full fake market list would take over five before live updates settle).
  const markets = makeMarkets(Math.floor(Date.now() / 1000)).filter(
    (m) => ['A', '6', '3'].includes(m.exchange) && m.base_asset === 'BTC',
  );
  const fake = createFakeCoinalyze({ keys: ['test-key'], listedDaysAgo: 20, markets });
  const upstream = await fake.listen(0);
  const preview = await startPreview({
    env: { COINALYZE_UPSTREAM: upstream },
  }).catch(async (e) => {
    await fake.close();
    throw e;
  });
  const { url } = preview;
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    await page.goto(url);
    await check('starts on demo data', async () => {
      await page.getByTestId('status-source').filter({ hasText: 'Demo' }).waitFor({ timeout: 15_000 });
    });
    await check('entering a key in settings switches to Live', async () => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Coinalyze API key').fill('test-key');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByTestId('status-source').filter({ hasText: 'Live' }).waitFor({ timeout: 15_000 });
    });
    await check('the status bar shows the API budget in use and backfill progress', async () => {
      await page.waitForFunction(
        () =>
          /API calls: [1-9]\d*\/40 per min/.test(
            document.querySelector('[data-testid=status-budget]')?.textContent ?? '',
          ),
        null,
        { timeout: 20_000 },
      );
      const backfill = await page.getByTestId('status-backfill').textContent();
      assert(
        /Backfill: (\d+%|idle|open interest & funding \d+\/\d+)/.test(backfill ?? ''),
        `backfill text: ${backfill}`,
      );
    });
    await check(
      'the first backfill shows each interval arriving and when the chart will be complete',
      async () => {
        // Sent by the real fetch loop (per-interval counts and its completion estimate), not planted.
        const card = page.getByRole('region', { name: 'History being fetched' });
        await card.waitFor({ timeout: 20_000 });
        const rows = await card.getByRole('listitem').allTextContents();
        assert(
          ['1min', '5min', '15min', '1hour', 'daily'].every((iv, k) => rows[k]?.startsWith(iv)),
          `intervals: ${rows.join(' | ')}`,
        );
        const when = await page.getByTestId('backfill-complete').textContent();
        assert(
          /^Chart complete at \d\d:\d\d UTC \(in (under a minute|about \d+ min)\)\.$/.test(when ?? ''),
          when,
        );
        const bar = await page.getByTestId('status-backfill').textContent();
        assert(/complete \d\d:\d\d UTC/.test(bar ?? ''), `status bar: ${bar}`);
      },
    );
    await check('bars appear from the live archive', async () => {
      await page.getByRole('button', { name: '1h' }).click();
      await page.waitForFunction(() => document.querySelector('[data-ready=true]') !== null, null, {
        timeout: 30_000,
      });
      const requests = fake.log.filter((r) => r.status === 200 && r.path.includes('liquidation-history'));
      assert(requests.length > 0, 'no liquidation requests reached the fake');
      const leaked = fake.log.some((r) => String(r.path).includes('api_key'));
      assert(!leaked, 'the key appeared in a URL');
    });
    await check(
      'Settings → Contracts: filtering by margin and contract type changes the count and refresh cost',
      async () => {
        await page.getByRole('button', { name: 'Settings' }).click();
        const cost = page.getByTestId('contracts-cost');
        // The market list is read in a transaction that queues behind the backfill's write transactions (their
        // scope includes the markets store, for group upkeep): seconds on a busy two-core machine.
        await page.waitForFunction(
          () =>
            /^\d+ contracts/.test(document.querySelector('[data-testid=contracts-cost]')?.textContent ?? ''),
          null,
          { timeout: 30_000 },
        );
        const count = async () => Number(/^(\d+) contracts/.exec((await cost.textContent()) ?? '')?.[1]);
        const calls = async () => Number(/costs (\d+) calls/.exec((await cost.textContent()) ?? '')?.[1]);
        const all = await count();
        const allCalls = await calls();
        assert(all >= 10, `only ${all} contracts selected by default`);
        await page.getByLabel('Margin type').selectOption('COIN');
        const coin = await count();
        assert(coin > 0 && coin < all, `COIN-only count ${coin} vs all ${all}`);
        assert((await calls()) < allCalls, 'the refresh cost did not drop with fewer contracts');
        await page.getByLabel('Margin type').selectOption('both');
        await page.getByLabel('Dated futures').uncheck();
        const perps = await count();
        assert(perps < all, `perpetuals-only count ${perps} vs all ${all}`);
        await page.getByLabel('Binance').uncheck();
        assert((await count()) < perps, 'leaving Binance out did not lower the count');
        const reference = page.getByLabel('Reference market (candles)');
        assert((await reference.inputValue()) === 'BTCUSDT_PERP.A', 'default reference market');
        assert(
          /Binance/.test((await reference.textContent()) ?? ''),
          'reference options lack exchange names',
        );
        await page.getByRole('button', { name: 'Cancel' }).click();
      },
    );
    await check('the toolbar contract filter names exchanges', async () => {
      const options = await page.getByLabel('Contracts').locator('option').allTextContents();
      assert(options.includes('Binance') && options.includes('Bybit'), `options: ${options.join(', ')}`);
    });
    await check(
      'a hidden page analyses nothing while notices arrive, and catches up when shown',
      async () => {
        const counts = () =>
          page.evaluate(() => ({
            requests: performance.getEntriesByName('liqlab:analysis-request').length,
            frames: performance.getEntriesByName('liqlab:analysis-frame').length,
          }));
        // Notices as the fetching worker posts them (real ones arrive too, but only every ~30 s during backfill).
        const notify = (n) =>
          page.evaluate(async (count) => {
            const ch = new BroadcastChannel('liqlab');
            for (let i = 0; i < count; i++) {
              const to = Math.floor(Date.now() / 60_000) * 60 + 60;
              ch.postMessage({
                type: 'data-changed',
                db: 'archive',
                kind: 'liq',
                interval: '1min',
                symbols: ['BTCUSDT_PERP.A'],
                from: to - 120,
                to,
              });
              await new Promise((r) => setTimeout(r, 250));
            }
            ch.close();
          }, n);
        // Headless Chromium never hides a page: the test overrides document.visibilityState and sends the event
        // the browser sends when the tab goes to the background.
        const setHidden = (hidden) =>
          page.evaluate((h) => {
            if (h)
              Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
            else delete document.visibilityState; // the prototype's getter again
            document.dispatchEvent(new Event('visibilitychange'));
          }, hidden);
        const visible = await counts();
        await notify(1);
        await page.waitForFunction(
          (n) => performance.getEntriesByName('liqlab:analysis-request').length > n,
          visible.requests,
          { timeout: 10_000, polling: 50 },
        );
        await setHidden(true);
        await page.waitForTimeout(1500); // an analysis already running may still finish
        const before = await counts();
        await notify(6);
        await page.waitForTimeout(1000);
        const hidden = await counts();
        assert(
          hidden.requests === before.requests && hidden.frames === before.frames,
          `the hidden page analysed: ${JSON.stringify({ before, hidden })}`,
        );
        await setHidden(false);
        await page.waitForFunction(
          (n) => performance.getEntriesByName('liqlab:analysis-frame').length > n,
          hidden.frames,
          { timeout: 30_000, polling: 50 },
        );
        const shown = await counts();
        assert(shown.requests > hidden.requests, `no analysis after showing: ${JSON.stringify(shown)}`);
      },
    );
    await check('the newest bar updates in place (no redraw of history) as its bucket grows', async () => {
      await page.mouse.move(0, 0); // the legend shows the last bar when nothing is hovered
      // While backfill rewrites history (finer buckets replacing coarser ones) a full redraw is right; so wait for
      // a stretch in which the legend's newest bar changed through series.update() with no setData in between.
      const ok = await page.waitForFunction(
        () => {
          const el = document.querySelector('#chart');
          const legend = document.querySelector('[data-testid=legend]')?.textContent ?? '';
          if (!(el instanceof HTMLElement)) return false;
          const now = {
            redraws: el.dataset.redraws ?? '0',
            live: Number(el.dataset.liveUpdates ?? 0),
            bars: Number(el.dataset.bars ?? 0),
            legend,
          };
          const base = window.__inPlaceBase;
          if (!base || base.redraws !== now.redraws) {
            window.__inPlaceBase = now;
            return false;
          }
          return (
            now.live > base.live &&
            now.legend !== base.legend &&
            now.bars - base.bars <= 1 &&
            now.bars >= base.bars
          );
        },
        null,
        // Backfill of the 12 contracts takes ~2 minutes here before live updates settle in place.
        { timeout: 240_000, polling: 250 },
      );
      assert(await ok.jsonValue(), 'no in-place update seen');
    });
    await check('the last update time moves as new data arrives', async () => {
      // The second of the last update (the text shows minutes, which would take up to a minute to move).
      const at = () =>
        page.evaluate(() =>
          document.querySelector('[data-testid=status-updated] time')?.getAttribute('datetime'),
        );
      const first = await at();
      assert(first, 'no last update time');
      await page.waitForFunction(
        (before) =>
          document.querySelector('[data-testid=status-updated] time')?.getAttribute('datetime') !== before,
        first,
        { timeout: 80_000 },
      );
      const next = await at();
      assert(Date.parse(next ?? '') > Date.parse(first), `last update went from ${first} to ${next}`);
    });
    await check(
      'open interest and funding panes: the fetched open interest in the legend, funding beside it',
      async () => {
        const canvases = () => page.evaluate(() => document.querySelectorAll('#chart canvas').length);
        const before = await canvases();
        await page.getByLabel('Market context').selectOption('both');
        // Context series are fetched behind liquidations, open interest before funding (whose backfill can take
        // minutes more at this budget: its values are checked in test/browser/context-panes.test.tsx).
        const served = (path) => fake.log.filter((r) => r.status === 200 && r.path.includes(path)).length;
        const deadline = Date.now() + 240_000;
        while (served('open-interest-history') === 0) {
          assert(Date.now() < deadline, 'no open interest request reached the fake');
          await page.waitForTimeout(1000);
        }
        // A bar in the middle of the chart (the newest hour's open interest may not be fetched yet).
        const box = await page.locator('#chart').boundingBox();
        const oiShown = (t) => /OI \$[\d.]+[KMB]/.test(t) && /Funding (-?[\d.]+%|gap)/.test(t);
        let text = '';
        for (let k = 0; k < 90 && !oiShown(text); k++) {
          await page.mouse.move(box.x + box.width * (0.5 + (k % 5) * 0.02), box.y + box.height * 0.3);
          await page.waitForTimeout(1000);
          text = (await page.getByTestId('legend').textContent()) ?? '';
        }
        assert(oiShown(text), `legend: ${text}`);
        // Two more panes, each with its own canvases (plot and price scale).
        const after = await canvases();
        assert(after >= before + 4, `canvases: ${before} before the panes, ${after} after`);
      },
    );
    await check("by exchange, each exchange's stack adds up to the bar's longs and shorts", async () => {
      await page.getByLabel('Histogram').selectOption('exchanges');
      await page.mouse.move(0, 0);
      const usd = (s) => {
        const m = /^(-?)\$([\d.]+)([KMB]?)$/.exec(s.trim());
        if (!m) return null;
        const scale = { '': 1, K: 1e3, M: 1e6, B: 1e9 }[m[3]];
        // What the formatting rounds away: half of its last digit.
        const unit = { '': 1, K: 100, M: 1e4, B: 1e7 }[m[3]];
        return { v: Number(m[2]) * scale, half: unit / 2 };
      };
      const legend = await page.waitForFunction(
        () => {
          const spans = [...document.querySelectorAll('[data-testid=legend] > span')].map(
            (s) => s.textContent ?? '',
          );
          return spans.some((t) => / L \$[\d.]+[KMB]? S \$/.test(t)) ? spans : null;
        },
        null,
        { timeout: 20_000 },
      );
      const spans = await legend.jsonValue();
      const total = (label) =>
        usd((spans.find((t) => t.startsWith(`${label} `)) ?? '').slice(label.length + 1));
      const layers = spans.flatMap((t) => {
        const m = /^(.+) L (\S+) S (\S+?)( \(part\))?$/.exec(t);
        return m ? [{ name: m[1], l: usd(m[2]), s: usd(m[3]) }] : [];
      });
      assert(layers.length >= 2 && layers.every((x) => x.l && x.s), `layers: ${spans.join(' | ')}`);
      for (const [side, label] of [
        ['l', 'Longs'],
        ['s', 'Shorts'],
      ]) {
        const want = total(label);
        assert(want, `no ${label} in ${spans.join(' | ')}`);
        const sum = layers.reduce((n, x) => n + x[side].v, 0);
        const slack = layers.reduce((n, x) => n + x[side].half, want.half);
        assert(Math.abs(sum - want.v) <= slack, `${label}: layers add to ${sum}, the bar says ${want.v}`);
      }
    });
    await check('with a key saved, a reload opens on the archive and leaves the demo alone', async () => {
      await page.reload();
      await page.getByTestId('status-source').filter({ hasText: 'Live' }).waitFor({ timeout: 15_000 });
      await page.waitForTimeout(2000);
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
      assert(!marks.includes('liqlab:preview-frame'), `the demo preview was drawn: ${marks.join(', ')}`);
      assert(!marks.includes('liqlab:demo-stored'), `the demo was loaded into storage: ${marks.join(', ')}`);
    });
  } finally {
    await ctx.close();
    preview.stop();
    await fake.close();
  }
}
