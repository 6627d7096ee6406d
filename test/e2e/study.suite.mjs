// Study and HTF panels on the demo data: HTF rows switch the timeframe; the study runs in the worker, draws its
// table and three plots (pixels), exports CSV, and clicking an event moves the chart onto it.
import { readFileSync } from 'node:fs';

/** Pixels in a canvas that differ from its top-left (background) colour. */
async function inkedPixels(page, selector) {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel);
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return -1;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 40) n++;
    }
    return n;
  }, selector);
}

export async function run({ check, assert, launch, APP_URL }) {
  const ctx = await launch({ width: 1400, height: 900 });
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(APP_URL);
  await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });
  await page.locator('.analysis-counts').waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Panels' }).click();

  await check('HTF panel lists 15m, 1h, 4h, 1D and a row click switches the chart timeframe', async () => {
    await page.getByRole('tab', { name: 'HTF' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.htf-row').length === 4, null, {
      timeout: 20_000,
    });
    const tfs = await page.locator('.htf-row').evaluateAll((rows) => rows.map((r) => r.dataset.timeframe));
    assert(tfs.join(',') === '15m,1h,4h,1D', `rows: ${tfs}`);
    assert((await inkedPixels(page, '.htf-row[data-timeframe="1h"] canvas')) > 20, 'mini histogram is blank');
    await page.locator('.htf-row[data-timeframe="4h"]').click();
    await page.waitForFunction(() => document.querySelector('#chart')?.getAttribute('data-bars') !== '1465');
    const pressed = await page.getByRole('button', { name: '4h', exact: true }).getAttribute('aria-pressed');
    assert(pressed === 'true', '4h toolbar button not pressed');
    await page.locator('.htf-row[data-timeframe="1h"]').click();
    await page.waitForFunction(() => document.querySelector('#chart')?.getAttribute('data-bars') === '1465');
  });

  await check('the study runs on the demo data and shows its table', async () => {
    await page.getByRole('tab', { name: 'Study' }).click();
    await page.getByRole('button', { name: 'Run study' }).click();
    await page.waitForSelector('table[aria-label="Study summary"] tbody tr, .study-error', {
      timeout: 90_000,
    });
    const err = await page.locator('.study-error').count();
    assert(err === 0, `study failed: ${err ? await page.locator('.study-error').innerText() : ''}`);
    const rows = await page.locator('table[aria-label="Study summary"] tbody tr').count();
    assert(rows >= 7, `summary rows: ${rows}`);
    // Counts read as words: the one-bar horizon is "1 bar", not "1 bars".
    const horizons = await page.getByLabel('Horizon').locator('option').allInnerTexts();
    assert(horizons[0] === '1 bar' && horizons[1] === '2 bars', `horizons: ${horizons.join(', ')}`);
  });

  await check('CAAR, MFE/MAE scatter and dose-response plots are drawn (pixels)', async () => {
    for (const plot of ['caar', 'scatter', 'dose']) {
      const n = await inkedPixels(page, `canvas[data-plot="${plot}"]`);
      assert(n > 300, `${plot}: ${n} inked pixels`);
    }
  });

  await check('Export study CSV downloads the documented header', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export study CSV' }).click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    assert(text.startsWith('side,bucket,class,horizon_bars,n,n_nonoverlap,mean_bp'), text.slice(0, 80));
    assert(text.trim().split('\n').length > 8, 'too few lines');
  });

  await check('the events list gives every event its rarity over the long window', async () => {
    const rows = page.locator('.study-event');
    const n = await rows.count();
    assert(n > 5, `event rows: ${n}`);
    const rarity = await rows.locator('td:nth-child(4)').allInnerTexts();
    for (const t of rarity)
      assert(
        /^(1 in ~[\d,.]+ (hours|days|years)|rarer than 1 in ~.+|not rare over \d+ days)$/.test(t),
        `rarity "${t}"`,
      );
    assert(
      rarity.some((t) => t.startsWith('1 in ~')),
      `no plain return period among ${rarity.join(', ')}`,
    );
    const head = await page.locator('table.study-events thead').innerText();
    assert(/rarity/.test(head), head);
  });

  await check('clicking an event centres the chart on it', async () => {
    const row = page.locator('.study-event').nth(3);
    const t = Number(await row.getAttribute('data-time'));
    await row.click();
    await page.waitForTimeout(300);
    const box = await page.locator('#chart').boundingBox();
    // The price scale takes the right edge, so the plot's centre is a little left of the element's centre.
    await page.mouse.move(box.x + (box.width - 60) / 2, box.y + box.height * 0.3);
    const label = await page.locator('.legend-time').innerText();
    const shown = Date.parse(`${label.replace(' ', 'T').slice(0, 16)}:00Z`) / 1000;
    assert(Math.abs(shown - t) <= 3 * 3600, `legend ${label} vs event ${new Date(t * 1000).toISOString()}`);
  });

  await check('no page errors', async () => {
    assert(problems.length === 0, problems.join('\n'));
  });
  await ctx.close();
}
