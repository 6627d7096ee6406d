// The first minute on the demo and shared views: the first screen shows the 2024-08-05 cascade with its zones and
// markers (no action needed), a link opens exactly its view, the address bar follows the view, Copy link and
// Save image, the intro strip, the resizable panel, and the status bar after an import without a key.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paneColourCounts } from './pixels.mjs';

const H = 3600;
const CRASH = Date.UTC(2024, 7, 5) / 1000; // 2024-08-05 00:00 UTC
const WINDOW = { from: Date.UTC(2024, 7, 2) / 1000, to: Date.UTC(2024, 7, 10) / 1000 };
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function open(ctx, url) {
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });
  return { page, problems };
}

const analysed = (page) => page.locator('.analysis-counts').waitFor({ timeout: 30_000 });

/** Unix seconds of the bar the legend shows after hovering at `fraction` of the plot's width. */
async function timeAt(page, fraction) {
  const pane = await page.locator('#chart table tr:first-child td:nth-child(2)').first().boundingBox();
  await page.mouse.move(pane.x + pane.width * fraction, pane.y + pane.height * 0.5);
  await page.waitForTimeout(100);
  const label = await page.locator('.legend-time').innerText();
  return Date.parse(`${label.replace(' ', 'T').slice(0, 16)}:00Z`) / 1000;
}

const query = (page) => page.evaluate(() => new URLSearchParams(location.search));
const param = async (page, key) => page.evaluate((k) => new URLSearchParams(location.search).get(k), key);

export async function run({ check, assert, launch, APP_URL }) {
  const ctx = await launch({ width: 1400, height: 900 });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page, problems } = await open(ctx, APP_URL);

  await check(
    'first open of the demo: the 2024-08-05 cascade, its zones and markers in view, no action needed',
    async () => {
      // Read at the first drawn chart, before the workers' analysis: the precomputed first screen is drawn with it.
      await page.waitForFunction(() => performance.getEntriesByName('liqlab:first-chart').length > 0);
      const at = await page.evaluate(() => ({
        ...document.querySelector('#chart')?.dataset,
        analysed: performance.getEntriesByName('liqlab:analysis-frame').length > 0,
      }));
      assert(Number(at.zonesInView) >= 1, `zones in view at the first chart: ${JSON.stringify(at)}`);
      assert(Number(at.markersInView) >= 1, `markers in view at the first chart: ${JSON.stringify(at)}`);
      await analysed(page);
      await page.waitForTimeout(300);
      const after = await page.evaluate(() => ({ ...document.querySelector('#chart')?.dataset }));
      assert(
        Number(after.zonesInView) >= 2 && Number(after.markersInView) >= 3,
        `after analysis: ${JSON.stringify(after)}`,
      );
      // What is drawn: continuation (violet) and onset (amber) marker pixels on the price pane.
      const px = await paneColourCounts(page, { continuation: '#8b5cf6', onset: '#f59e0b' });
      assert(px.top.continuation > 20 && px.top.onset > 20, `marker pixels ${JSON.stringify(px.top)}`);
      // Where: the window around the crash, by the bars under the pointer.
      const left = await timeAt(page, 0.02);
      const right = await timeAt(page, 0.98);
      assert(
        left <= CRASH && right >= CRASH + 24 * H,
        `view ${new Date(left * 1000).toISOString()} → ${new Date(right * 1000).toISOString()}`,
      );
      assert(
        left >= WINDOW.from - 12 * H && right <= WINDOW.to + 12 * H,
        `view wider than the first screen: ${left}–${right}`,
      );
    },
  );

  await check(
    'the address bar carries the view and follows it (timeframe, range, panel, contracts)',
    async () => {
      const t0 = Number(await param(page, 't'));
      assert(t0 >= WINDOW.from && t0 <= WINDOW.to, `t=${t0}`);
      assert(
        (await param(page, 'asset')) === 'BTC' && (await param(page, 'tf')) === '1h',
        String(await query(page)),
      );
      // Focus off any control (the brand is plain text), so the arrow keys reach the chart.
      await page.locator('.brand').click();
      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction((t) => Number(new URLSearchParams(location.search).get('t')) < t, t0);
      await page.getByRole('button', { name: 'Panels' }).click();
      await page.getByRole('tab', { name: 'HTF' }).click();
      await page.waitForFunction(() => new URLSearchParams(location.search).get('panel') === 'htf');
      await page.getByRole('button', { name: '4h', exact: true }).click();
      await page.waitForFunction(() => new URLSearchParams(location.search).get('tf') === '4h');
      await page.getByLabel('Contracts').selectOption('margin:STABLE');
      await page.waitForFunction(
        () => new URLSearchParams(location.search).get('contracts') === 'margin:STABLE',
      );
      // Back to the defaults for the checks below.
      await page.getByLabel('Contracts').selectOption('all');
      await page.getByRole('button', { name: '1h', exact: true }).click();
      await page.getByRole('button', { name: 'Close panels' }).click();
      await page.waitForFunction(() => !new URLSearchParams(location.search).has('panel'));
    },
  );

  await check('Copy link copies the address of the view on screen', async () => {
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor({ timeout: 5000 });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const here = await page.evaluate(() => location.href);
    assert(copied === here, `copied ${copied}, address ${here}`);
    assert(/[?&]asset=BTC/.test(copied) && /[?&]tf=1h/.test(copied), copied);
  });

  await check(
    'Save image downloads a PNG of the chart with its legend above and a caption below',
    async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Save image' }).click(),
      ]);
      assert(
        /^liqlab-BTC-1h-2024-0[78]-\d\d\.png$/.test(download.suggestedFilename()),
        download.suggestedFilename(),
      );
      const png = readFileSync(await download.path());
      assert(png.subarray(1, 4).toString() === 'PNG', 'not a PNG');
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      const chart = await page.locator('#chart').boundingBox();
      assert(Math.abs(width - chart.width) <= 2, `image ${width} px wide, chart ${chart.width}`);
      assert(
        height > chart.height + 40,
        `image ${height} px high, chart ${chart.height}: no room for legend and caption`,
      );
      // Text drawn above and below the chart: pixels that differ from the background in both bands.
      const bands = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const inked = (y0, y1) => {
          const d = ctx.getImageData(0, y0, c.width, y1 - y0).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4)
            if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) > 60) n++;
          return n;
        };
        return { head: inked(0, 30), foot: inked(c.height - 40, c.height) };
      }, png.toString('base64'));
      assert(bands.head > 100 && bands.foot > 100, `legend/caption ink ${JSON.stringify(bands)}`);
    },
  );

  await check(
    'the intro strip: "Study these events" opens the study and runs it; dismissal is remembered',
    async () => {
      await page.getByRole('button', { name: 'Study these events' }).click();
      const tab = page.getByRole('tab', { name: 'Study' });
      assert((await tab.getAttribute('aria-selected')) === 'true', 'study tab not selected');
      await page.waitForSelector('table[aria-label="Study summary"] tbody tr', { timeout: 90_000 });
      await page.getByRole('button', { name: 'Dismiss the introduction' }).click();
      await page.reload();
      await page.waitForSelector('#chart[data-ready="true"]');
      await analysed(page);
      assert(
        (await page.getByRole('region', { name: "What you're looking at" }).count()) === 0,
        'strip came back',
      );
      assert((await param(page, 'panel')) === 'study', 'the open panel was not kept across the reload');
    },
  );

  await check(
    'the side panel resizes by dragging or with the arrow keys, and remembers its width',
    async () => {
      const panel = page.getByRole('complementary', { name: 'Panels' });
      const w0 = (await panel.boundingBox()).width;
      const handle = await page.getByRole('separator', { name: 'Resize panels' }).boundingBox();
      await page.mouse.move(handle.x + handle.width / 2, handle.y + 300);
      await page.mouse.down();
      await page.mouse.move(handle.x + handle.width / 2 - 100, handle.y + 300, { steps: 5 });
      await page.mouse.up();
      const w1 = (await panel.boundingBox()).width;
      assert(Math.abs(w1 - (w0 + 100)) <= 3, `drag: ${w0} → ${w1}`);
      await page.getByRole('separator', { name: 'Resize panels' }).focus();
      await page.keyboard.press('ArrowLeft');
      const w2 = (await panel.boundingBox()).width;
      assert(Math.abs(w2 - (w1 + 20)) <= 2, `key: ${w1} → ${w2}`);
      await page.reload();
      await page.waitForSelector('#chart[data-ready="true"]');
      const w3 = (await page.getByRole('complementary', { name: 'Panels' }).boundingBox()).width;
      assert(Math.abs(w3 - w2) <= 1, `after reload ${w3}, before ${w2}`);
    },
  );

  await check('no script errors while using it', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });
  await ctx.close();

  await check('a link with tf, t, bars, panel and contracts opens exactly that view', async () => {
    const t = CRASH + 12 * H; // 2024-08-05 12:00, a 4h bar start
    const c2 = await launch({ width: 1400, height: 900 });
    try {
      const { page: p } = await open(
        c2,
        `${APP_URL}?tf=4h&t=${t}&bars=60&panel=levels&contracts=margin%3ASTABLE`,
      );
      await analysed(p);
      await p.waitForTimeout(300);
      assert(
        (await p.getByRole('button', { name: '4h', exact: true }).getAttribute('aria-pressed')) === 'true',
        'tf',
      );
      assert(
        (await p.getByRole('tab', { name: 'Levels' }).getAttribute('aria-selected')) === 'true',
        'panel',
      );
      assert((await p.getByLabel('Contracts').inputValue()) === 'margin:STABLE', 'contracts');
      const centre = await timeAt(p, 0.5);
      assert(Math.abs(centre - t) <= 4 * H, `centre ${new Date(centre * 1000).toISOString()}`);
      const left = await timeAt(p, 0.01);
      const span = 2 * (centre - left);
      assert(Math.abs(span - 60 * 4 * H) <= 3 * 4 * H, `visible span ${span / (4 * H)} bars, asked 60`);
      // The address bar still says the same view.
      const q = await p.evaluate(() => Object.fromEntries(new URLSearchParams(location.search)));
      assert(
        q.tf === '4h' && q.panel === 'levels' && Math.abs(Number(q.t) - t) <= 4 * H && q.bars === '60',
        JSON.stringify(q),
      );
    } finally {
      await c2.close();
    }
  });

  await check(
    'a link to one exchange on the demo selects it by name (the demo is Binance data)',
    async () => {
      const c4 = await launch({ width: 1400, height: 900 });
      try {
        const { page: p } = await open(c4, `${APP_URL}?tf=1h&contracts=exchange%3AA`);
        await analysed(p);
        const select = p.getByLabel('Contracts');
        await p.waitForFunction(
          () =>
            document.querySelector('select[aria-label="Contracts"]')?.selectedOptions[0]?.textContent ===
            'Binance',
          null,
          { timeout: 10_000 },
        );
        const options = await select.locator('option').allTextContents();
        assert(options.includes('Binance'), `options: ${options.join(', ')}`);
      } finally {
        await c4.close();
      }
    },
  );

  await check('an old alert link (?t=&tf=) still opens its bar, centred', async () => {
    const t = CRASH + 14 * H;
    const c3 = await launch({ width: 1280, height: 800 });
    try {
      const { page: p } = await open(c3, `${APP_URL}?t=${t}&tf=1h`);
      await analysed(p);
      await p.waitForTimeout(300);
      const centre = await timeAt(p, 0.5);
      assert(
        Math.abs(centre - t) <= 2 * H,
        `centre ${new Date(centre * 1000).toISOString()} vs ${new Date(t * 1000).toISOString()}`,
      );
    } finally {
      await c3.close();
    }
  });

  await check(
    'after importing another tool’s file with no key, the status bar drops the demo’s last update',
    async () => {
      const real = [
        resolve(repoRoot, '..', 'shared', 'data', 'real'),
        resolve(repoRoot, '..', '..', 'shared', 'data', 'real'),
      ].find((p) => existsSync(p));
      assert(real, 'shared/data/real not found');
      const file = 'coinalyze_btc_perps_multiexchange_liq_usd_daily_2022-01_2024-09.csv';
      const c4 = await launch();
      try {
        const { page: p } = await open(c4, APP_URL);
        await analysed(p);
        assert(/Last update: 2024-08-19/.test(await p.locator('footer').innerText()), 'demo status first');
        await p.getByLabel('CSV file to import').setInputFiles({
          name: file,
          mimeType: 'text/csv',
          buffer: readFileSync(resolve(real, file)),
        });
        const dialog = p.getByRole('dialog', { name: 'Import CSV' });
        await dialog.getByRole('button', { name: 'Check import' }).click({ timeout: 30_000 });
        await dialog.getByRole('button', { name: /^Import / }).click({ timeout: 60_000 });
        await dialog.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 60_000 });
        await dialog.getByRole('button', { name: 'Close' }).click();
        const footer = await p.locator('footer').innerText();
        assert(/Showing imported data/.test(footer), footer);
        assert(!/2024-08-19/.test(footer), `status bar still shows the demo's date: ${footer}`);
      } finally {
        await c4.close();
      }
    },
  );
}
