// History from another tool, on its own: a CoinGlass-shaped hourly export (ms timestamps, price_open…price_close,
// liquidation_long_usd / _short_usd, 19 hours missing; built from the real Binance files by
// scripts/fixtures/coinglass-hourly.mjs) imported into a fresh profile with no key and no correction in the
// mapping. The chart then draws the file's candles with its missing hours as gaps, event markers and levels, and
// the study runs on it. Then Settings → Data → Delete stored data removes two days of it, and the chart shows a gap.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForLegend } from './chart-hover.mjs';
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
        const { text } = await waitForLegend(page, MISSING, /Longs gap.*Shorts gap/s);
        assert(/O —/.test(text), `a candle at a missing hour: ${text}`);
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

    await check(
      'Settings → Data → Delete stored data: the count, a confirmation, then a gap on the chart',
      async () => {
        await page.getByRole('button', { name: 'Settings' }).click();
        const dialog = page.getByRole('dialog', { name: 'Settings' });
        await dialog.getByLabel('Contract to delete').selectOption('CSV_AGG_COINGLASS_BINANCE_BTC_1H');
        await dialog.getByLabel('Delete from (UTC date)').fill('2024-08-15');
        await dialog.getByLabel('Delete to (UTC date, exclusive)').fill('2024-08-17');
        const count = dialog.getByTestId('delete-count');
        await count
          .filter({ hasText: 'Will remove 48 liquidation points and 48 candles in 2 series' })
          .waitFor();
        await dialog.getByRole('button', { name: 'Delete stored data…' }).click();
        const confirm = dialog.getByRole('alertdialog', { name: 'Confirm deletion' });
        assert(
          /Delete 48 liquidation points and 48 candles/.test(await confirm.innerText()),
          await confirm.innerText(),
        );
        await confirm.getByRole('button', { name: 'Keep the data' }).click();
        await count.filter({ hasText: 'Will remove 48 liquidation points' }).waitFor();
        await dialog.getByRole('button', { name: 'Delete stored data…' }).click();
        await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
        await dialog
          .getByRole('status')
          .filter({ hasText: 'Deleted 48 liquidation points and 48 candles in 2 series.' })
          .waitFor();
        await count
          .filter({ hasText: 'Will remove 0 liquidation points and 0 candles in 0 series' })
          .waitFor();
        assert(
          await dialog.getByRole('button', { name: 'Delete stored data…' }).isDisabled(),
          'nothing left to delete',
        );
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        const day16 = Array.from(
          { length: 24 },
          (_, h) => Date.parse('2024-08-16T00:00:00Z') / 1000 + h * 3600,
        );
        const gone = await waitForLegend(page, day16.slice(6, 18), /Longs gap.*Shorts gap/s);
        assert(/O —/.test(gone.text), `a candle left in the deleted span: ${gone.text}`);
        const day14 = Array.from(
          { length: 12 },
          (_, h) => Date.parse('2024-08-14T06:00:00Z') / 1000 + h * 3600,
        );
        const kept = await waitForLegend(page, day14, /Longs \$/);
        assert(/O [\d,]+/.test(kept.text), `the day before lost its candle: ${kept.text}`);
      },
    );

    await check('after a reload (still no key) the imported data is shown, not the demo', async () => {
      await page.reload();
      await page.getByText('Showing imported data').waitFor({ timeout: 20_000 });
      const day16 = Array.from(
        { length: 12 },
        (_, h) => Date.parse('2024-08-16T06:00:00Z') / 1000 + h * 3600,
      );
      await waitForLegend(page, day16, /Longs gap.*Shorts gap/s);
    });

    await check('no page errors during the import', async () => {
      assert(problems.length === 0, problems.join('\n'));
    });
  } finally {
    await ctx.close();
  }
}
