// CSV e2e: export the bars CSV, import it into a fresh profile (same chart: re-export is identical), and
// drag-and-drop a real multi-exchange file through the generic import with its mapping dialog.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const real = [
  resolve(repoRoot, '..', 'shared', 'data', 'real'),
  resolve(repoRoot, '..', '..', 'shared', 'data', 'real'),
].find((p) => existsSync(p));

async function exportBars(page) {
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export CSV' });
  await dialog.getByLabel('Destination').selectOption('download');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Save' }).click(),
  ]);
  const text = readFileSync(await download.path(), 'utf8');
  await dialog.getByRole('button', { name: 'Close' }).click();
  return text;
}

async function openApp(ctx, APP_URL) {
  const page = await ctx.newPage();
  await page.goto(APP_URL);
  await page.getByRole('button', { name: 'Export CSV' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('button[disabled]'), null, { timeout: 30_000 });
  return page;
}

export async function run({ check, assert, launch, APP_URL }) {
  let bars = '';
  await check('export bars CSV from the demo chart', async () => {
    const ctx = await launch();
    try {
      const page = await openApp(ctx, APP_URL);
      bars = await exportBars(page);
      const lines = bars.trim().split('\n');
      assert(
        lines[0]?.startsWith('time,unix,timeframe,open,high,low,close,volume,long_usd'),
        `header: ${lines[0]}`,
      );
      assert(lines.length > 100, `only ${lines.length} lines`);
    } finally {
      await ctx.close();
    }
  });

  await check('import it into a fresh profile: same chart (re-export is identical)', async () => {
    const ctx = await launch();
    try {
      const page = await openApp(ctx, APP_URL);
      await page
        .getByLabel('CSV file to import')
        .setInputFiles({ name: 'bars.csv', mimeType: 'text/csv', buffer: Buffer.from(bars) });
      const dialog = page.getByRole('dialog', { name: 'Import CSV' });
      await dialog.getByRole('button', { name: /^Import / }).click({ timeout: 60_000 });
      await dialog.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 60_000 });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.waitForTimeout(500);
      const again = await exportBars(page);
      assert(again === bars, `re-export differs: ${again.length} vs ${bars.length} chars`);
    } finally {
      await ctx.close();
    }
  });

  await check('drag-and-drop a real multi-exchange CSV: mapping dialog, dry run, import', async () => {
    assert(real, 'shared/data/real not found');
    const file = 'coinalyze_btc_perps_multiexchange_liq_usd_daily_2022-01_2024-09.csv';
    const text = readFileSync(resolve(real, file), 'utf8');
    const ctx = await launch();
    try {
      const page = await openApp(ctx, APP_URL);
      await page.evaluate(
        ([name, body]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([body], name, { type: 'text/csv' }));
          window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
          window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
        },
        [file, text],
      );
      const dialog = page.getByRole('dialog', { name: 'Import CSV' });
      await dialog.getByRole('button', { name: 'Check import' }).click({ timeout: 30_000 });
      const summary = dialog.getByText(/993 rows: .* new points/);
      await summary.waitFor({ timeout: 60_000 });
      await dialog.getByRole('button', { name: /^Import / }).click();
      await dialog.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 60_000 });
    } finally {
      await ctx.close();
    }
  });
}
