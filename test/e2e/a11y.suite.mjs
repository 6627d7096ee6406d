// Accessibility, in both themes: axe-core finds no violation on the main screen, in every dialog and every panel
// (the phone's More menu and bottom sheet: layout.suite.mjs); dialogs keep Tab inside and close on Escape, giving focus back;
// the panel tabs follow the arrow keys and Escape closes the panel; the legend is read out once the crosshair rests.
import { noViolations } from './axe.mjs';

async function openApp(launch, APP_URL, theme, size = { width: 1400, height: 900 }) {
  const ctx = await launch(size);
  await ctx.addInitScript((t) => {
    if (!localStorage.getItem('liqlab:layout'))
      localStorage.setItem('liqlab:layout', JSON.stringify({ theme: t }));
  }, theme);
  const page = await ctx.newPage();
  await page.goto(APP_URL);
  await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });
  await page.locator('.analysis-counts').waitFor({ timeout: 30_000 });
  return { ctx, page };
}

/** Tabs through the open dialog `times` times; every focus must stay inside it. */
async function tabStaysInside(page, dialog, times) {
  for (let k = 0; k < times; k++) {
    await page.keyboard.press(k % 5 === 4 ? 'Shift+Tab' : 'Tab');
    const inside = await dialog.evaluate((d) => d.contains(document.activeElement));
    if (!inside) return false;
  }
  return true;
}

export async function run({ check, assert, launch, APP_URL }) {
  for (const theme of ['dark', 'light']) {
    const { ctx, page } = await openApp(launch, APP_URL, theme);
    try {
      await check(`axe (${theme}): the main screen`, async () => {
        await noViolations(page, assert, 'main screen');
      });

      await check(
        `axe (${theme}): Settings, Export CSV and Import CSV dialogs; Tab stays inside, Escape closes`,
        async () => {
          const settings = page.getByRole('button', { name: 'Settings' });
          await settings.click();
          const dialog = page.getByRole('dialog', { name: 'Settings' });
          await dialog.getByLabel('Coinalyze API key').waitFor();
          await noViolations(page, assert, 'Settings dialog');
          assert(await tabStaysInside(page, dialog, 30), 'focus left the Settings dialog');
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'detached' });
          assert(
            await settings.evaluate((b) => b === document.activeElement),
            'focus did not return to Settings',
          );

          await page.getByRole('button', { name: 'Export CSV' }).click();
          const exp = page.getByRole('dialog', { name: 'Export CSV' });
          await exp.waitFor();
          await noViolations(page, assert, 'Export CSV dialog');
          assert(await tabStaysInside(page, exp, 12), 'focus left the Export dialog');
          await page.keyboard.press('Escape');
          await exp.waitFor({ state: 'detached' });

          const csv = 'time,long_usd,short_usd\n2024-08-05T00:00:00Z,100,200\n2024-08-05T01:00:00Z,300,400\n';
          await page
            .getByLabel('CSV file to import')
            .setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
          const imp = page.getByRole('dialog', { name: 'Import CSV' });
          await imp.getByRole('button', { name: 'Close' }).waitFor();
          await page.waitForTimeout(500);
          await noViolations(page, assert, 'Import CSV dialog');
          await page.keyboard.press('Escape');
          await imp.waitFor({ state: 'detached' });
        },
      );

      await check(
        `axe (${theme}): every panel (Levels, HTF, Study with results, Alerts); tabs follow the arrow keys, Escape closes`,
        async () => {
          await page.getByRole('button', { name: 'Panels' }).click();
          await page.getByRole('tab', { name: 'Levels' }).click();
          await page.getByRole('table', { name: 'Support and resistance levels' }).waitFor();
          await noViolations(page, assert, 'Levels panel');
          await page.getByRole('tab', { name: 'Levels' }).focus();
          await page.keyboard.press('ArrowRight');
          assert(
            (await page.getByRole('tab', { name: 'HTF' }).getAttribute('aria-selected')) === 'true' &&
              (await page.getByRole('tab', { name: 'HTF' }).evaluate((t) => t === document.activeElement)),
            'ArrowRight did not move to the HTF tab',
          );
          await page.waitForFunction(() => document.querySelectorAll('.htf-row').length === 4, null, {
            timeout: 20_000,
          });
          await noViolations(page, assert, 'HTF panel');
          await page.getByRole('tab', { name: 'Study' }).click();
          await page.getByRole('button', { name: 'Run study' }).click();
          await page.waitForSelector('table[aria-label="Study summary"] tbody tr', { timeout: 90_000 });
          await noViolations(page, assert, 'Study panel');
          await page.getByRole('tab', { name: 'Alerts' }).click();
          await page.getByRole('list', { name: 'Alert log' }).waitFor({ state: 'attached' });
          await noViolations(page, assert, 'Alerts panel');
          // Escape closes the panel from inside it, and focus goes back to the button that opens it.
          await page.getByRole('tab', { name: 'Alerts' }).focus();
          await page.keyboard.press('Escape');
          await page.getByRole('complementary', { name: 'Panels' }).waitFor({ state: 'detached' });
          assert(
            await page.getByRole('button', { name: 'Panels' }).evaluate((b) => b === document.activeElement),
            'focus did not return to Panels after Escape closed the panel',
          );
        },
      );

      if (theme === 'dark') {
        await check('the legend is read out (politely) once the crosshair rests on a bar', async () => {
          const box = await page.locator('#chart').boundingBox();
          await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
          await page.mouse.move(box.x + box.width * 0.31, box.y + box.height * 0.3);
          const spoken = page.getByTestId('legend-spoken');
          assert((await spoken.getAttribute('aria-live')) === 'polite', 'not a polite live region');
          await page.waitForFunction(
            () =>
              /\d{4}-\d\d-\d\d \d\d:\d\d UTC: O [\d,.]+, H/.test(
                document.querySelector('[data-testid=legend-spoken]')?.textContent ?? '',
              ),
            null,
            { timeout: 3000 },
          );
          const legend = await page.getByTestId('legend').innerText();
          const text = await spoken.innerText();
          assert(text.startsWith(legend.split('\n')[0] ?? '-'), `spoken "${text}" vs legend "${legend}"`);
        });
      }
    } finally {
      await ctx.close();
    }
  }
}
