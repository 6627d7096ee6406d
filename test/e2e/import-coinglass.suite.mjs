// History from another tool, on its own: a CoinGlass-shaped hourly export (ms timestamps, price_open…price_close,
// liquidation_long_usd / _short_usd, 19 hours missing; built from the real Binance files by
// scripts/fixtures/coinglass-hourly.mjs) imported into a fresh profile with no key and no correction in the
// mapping. The chart then draws the file's candles with its missing hours as gaps, event markers and levels, and
// the study runs on it.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paneColourCounts } from './pixels.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const NAME = 'coinglass-binance-btc-1h.csv';
const TEXT = readFileSync(resolve(here, '..', 'fixtures', NAME), 'utf8');
const ROWS = TEXT.trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',').map(Number));
const HOUR = 3600;
/** Hours inside the file's span that it has no row for (unix seconds). */
const MISSING = [];
for (let i = 1; i < ROWS.length; i++)
  for (let t = ROWS[i - 1][0] / 1000 + HOUR; t < ROWS[i][0] / 1000; t += HOUR) MISSING.push(t);
const label = (t) => `${new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Hovers the chart at `x` (fraction of the plot width) and returns the legend text. */
async function legendAt(page, box, x) {
  await page.mouse.move(box.x + x, box.y + box.height * 0.3);
  await page.waitForTimeout(30);
  return page.getByTestId('legend').innerText();
}

/** Time under the crosshair at pixel `x`, read from the legend. */
async function timeAt(page, box, x) {
  const text = await legendAt(page, box, x);
  const m = /(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC/.exec(text);
  if (!m) throw new Error(`no time in legend: ${text}`);
  return Date.parse(`${m[1].replace(' ', 'T')}:00Z`) / 1000;
}

/** Finds a missing hour on screen (panning back as needed) and returns the legend shown over it. */
async function legendOverAGap(page) {
  const box = await page.locator('#chart').boundingBox();
  for (let pans = 0; pans < 12; pans++) {
    const x1 = 100;
    const x2 = box.width - 160; // clear of the price scale
    const t1 = await timeAt(page, box, x1);
    const t2 = await timeAt(page, box, x2);
    const gap = MISSING.find((t) => t > t1 + 2 * HOUR && t < t2 - 2 * HOUR);
    if (gap !== undefined) {
      const perHour = (x2 - x1) / ((t2 - t1) / HOUR);
      const guess = x1 + ((gap - t1) / HOUR) * perHour;
      for (const dx of [0, -perHour, perHour, -2 * perHour, 2 * perHour]) {
        const text = await legendAt(page, box, guess + dx);
        if (text.includes(label(gap))) return { gap, text };
      }
      throw new Error(`could not put the crosshair on ${label(gap)}`);
    }
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(100);
  }
  throw new Error('no missing hour came into view');
}

export async function run({ check, assert, launch, APP_URL }) {
  const ctx = await launch({ width: 1400, height: 900 });
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  try {
    await page.goto(APP_URL);
    await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });

    await check('a CoinGlass hourly export imports with the proposed mapping, untouched', async () => {
      assert(MISSING.length === 19, `fixture should miss 19 hours, misses ${MISSING.length}`);
      await page
        .getByLabel('CSV file to import')
        .setInputFiles({ name: NAME, mimeType: 'text/csv', buffer: Buffer.from(TEXT) });
      const dialog = page.getByRole('dialog', { name: 'Import CSV' });
      const contract = dialog.getByLabel(/Contract for/);
      await contract.waitFor({ timeout: 30_000 });
      const symbol = await contract.inputValue();
      assert(symbol === 'CSV_AGG_COINGLASS_BINANCE_BTC_1H', `proposed contract: ${symbol}`);
      const candles = await dialog
        .getByLabel(/Candles \(price_open, price_high, price_low, price_close\)/)
        .inputValue();
      assert(candles === symbol, `candles stored as ${candles}`);
      assert(await dialog.getByRole('checkbox', { name: 'Binance' }).isChecked(), 'Binance not covered');
      const omitted = await dialog.getByLabel('Times the file leaves out').inputValue();
      assert(omitted === 'gap', `omitted rows: ${omitted}`);
      await dialog.getByRole('button', { name: 'Check import' }).click();
      await dialog.getByText(/1,446 rows: 2,892 new points/).waitFor({ timeout: 60_000 });
      assert((await dialog.getByText(/0 rejected lines/).count()) === 1, 'lines were rejected');
      await dialog.getByRole('button', { name: /^Import / }).click();
      await dialog.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 60_000 });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.getByText('Showing imported data').waitFor({ timeout: 10_000 });
    });

    await check(
      'the chart draws the file: an hour it lacks is a gap (no candle, no liquidations)',
      async () => {
        // Polls: the demo stays on screen until the imported frame's analysis arrives.
        let last = null;
        for (let i = 0; i < 40; i++) {
          try {
            last = await legendOverAGap(page);
            if (/Longs gap/.test(last.text) && /Shorts gap/.test(last.text)) break;
          } catch (e) {
            last = { text: String(e) };
          }
          await page.waitForTimeout(500);
        }
        assert(last && /Longs gap/.test(last.text) && /Shorts gap/.test(last.text), `legend: ${last?.text}`);
        assert(
          /O —/.test(last.text) || !/O [\d,]/.test(last.text),
          `a candle at a missing hour: ${last.text}`,
        );
      },
    );

    await check('candles, event markers and at least one level on the imported data alone', async () => {
      const c = await paneColourCounts(page, { green: '#26a69a', red: '#ef5350' });
      assert(c.top.green > 200 && c.top.red > 200, `candle pixels ${JSON.stringify(c.top)}`);
      const counts = page.locator('.analysis-counts');
      const events = Number(await counts.getAttribute('data-events'));
      const levels = Number(await counts.getAttribute('data-levels'));
      assert(events >= 1, `events: ${await counts.textContent()}`);
      assert(levels >= 1, `levels: ${await counts.textContent()}`);
      await page.getByRole('button', { name: 'Panels' }).click();
      await page.getByRole('tab', { name: 'Levels' }).click();
      const table = page.getByRole('table', { name: 'Support and resistance levels' });
      await table.waitFor({ timeout: 10_000 });
      assert((await table.locator('tbody tr').count()) >= 1, 'no level listed');
    });

    await check('the study runs on the imported data', async () => {
      await page.getByRole('tab', { name: 'Study' }).click();
      await page.getByRole('button', { name: 'Run study' }).click();
      await page.waitForSelector('table[aria-label="Study summary"] tbody tr, .study-error', {
        timeout: 90_000,
      });
      const err = await page.locator('.study-error').count();
      assert(err === 0, `study failed: ${err ? await page.locator('.study-error').innerText() : ''}`);
      const rows = await page.locator('table[aria-label="Study summary"] tbody tr').count();
      assert(rows >= 1, `summary rows: ${rows}`);
    });

    await check('no page errors during the import', async () => {
      assert(problems.length === 0, problems.join('\n'));
    });
  } finally {
    await ctx.close();
  }
}
