// Every screen size in both themes: nothing in the toolbar or the panel tables is cut off (bounding boxes inside
// the viewport or inside a scrollable box), axe on the phone's More menu and bottom sheet, the phone layout
// (More menu, bottom sheet, full-screen dialogs, touch pan and pinch zoom), and the README screenshots, written
// only with SCREENS=1 (docs/screens/<w>x<h>-<theme>.png).
import { mkdirSync } from 'node:fs';
import { noViolations } from './axe.mjs';
import { axisEdges, clippedElements, scrollsSideways } from './layout-probe.mjs';

const SIZES = [
  { width: 1400, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];
const THEMES = ['dark', 'light'];
const PHONE_ACTIONS = [
  ['combobox', 'Contracts'],
  ['button', 'Panels'],
  ['button', 'Settings'],
  ['button', 'Export CSV'],
  ['button', 'Import CSV'],
  ['button', 'Copy link'],
  ['button', 'Save image'],
];

async function openApp(launch, APP_URL, size, theme) {
  const phone = size.width < 600;
  const ctx = await launch(size, phone ? { hasTouch: true, isMobile: true } : {});
  await ctx.addInitScript((t) => {
    if (!localStorage.getItem('liqlab:layout'))
      localStorage.setItem('liqlab:layout', JSON.stringify({ theme: t }));
  }, theme);
  const page = await ctx.newPage();
  await page.goto(APP_URL);
  await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });
  await page.locator('.analysis-counts').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(400);
  return { ctx, page, phone };
}

/** Opens the More menu when the toolbar is folded (phones); a no-op on wide screens. */
async function unfold(page) {
  const more = page.getByRole('button', { name: 'More' });
  if ((await more.isVisible()) && (await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}

async function tablesNotClipped(page, assert, where) {
  const cells = await clippedElements(page, '.side-panel th, .side-panel td, .side-panel button');
  assert(cells.length === 0, `${where}: ${cells.slice(0, 6).join('; ')}`);
}

const param = (page, key) => page.evaluate((k) => new URLSearchParams(location.search).get(k), key);

/** A one- or two-finger touch gesture through CDP: each finger moves from its start to its end point. */
async function touch(page, fingers, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  const at = (k) =>
    fingers.map(([x0, y0, x1, y1], id) => ({
      x: x0 + ((x1 - x0) * k) / steps,
      y: y0 + ((y1 - y0) * k) / steps,
      id,
    }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let k = 1; k <= steps; k++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(k) });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

export async function run({ check, assert, launch, APP_URL }) {
  const screens = process.env.SCREENS === '1';
  if (screens) mkdirSync('docs/screens', { recursive: true });
  for (const size of SIZES) {
    for (const theme of THEMES) {
      const name = `${size.width}x${size.height}-${theme}`;
      const { ctx, page, phone } = await openApp(launch, APP_URL, size, theme);
      try {
        await check(`${name}: no toolbar control cut off, no sideways scroll`, async () => {
          assert(!(await scrollsSideways(page)), 'the page scrolls sideways');
          const bar = await clippedElements(page, 'header.toolbar button, header.toolbar select');
          assert(bar.length === 0, bar.join('; '));
          await unfold(page);
          const menu = await clippedElements(page, 'header.toolbar button, header.toolbar select');
          assert(menu.length === 0, `with the menu open: ${menu.join('; ')}`);
          for (const [role, label] of [
            ...PHONE_ACTIONS,
            ['button', theme === 'dark' ? 'Light theme' : 'Dark theme'],
          ]) {
            const el = page.getByRole(role, { name: label, exact: true });
            assert(await el.isVisible(), `${label} not reachable`);
            if (phone) {
              const box = await el.boundingBox();
              assert(box.height >= 40, `${label} is ${box.height}px tall: too small for a thumb`);
            }
          }
          if (phone) {
            await noViolations(page, assert, `axe (${theme}, phone): the More menu open`);
            await page.keyboard.press('Escape');
            // Focus went back to More; the screenshot shows the page at rest.
            await page.evaluate(
              () => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
            );
          }
          if (screens) await page.screenshot({ path: `docs/screens/${name}.png` });
        });

        if (size.width === 1400 && theme === 'dark') {
          await check(
            'chart polish: axis labels keep clear of pane boundaries; no EdgeLine labels on the price axis',
            async () => {
              const panes = await axisEdges(page, { edgeLong: '#22c55e', edgeShort: '#ef4444' });
              assert(panes.length === 3 && panes.every(Boolean), `panes ${JSON.stringify(panes)}`);
              // Across each boundary, the nearest label ink on either side is at least 6 px away from it.
              for (let k = 0; k < panes.length - 1; k++)
                assert(
                  panes[k].bottom >= 6 && panes[k + 1].top >= 6,
                  `labels crowd the boundary under pane ${k}: ${JSON.stringify(panes)}`,
                );
              assert(
                panes[0].edgeLong === 0 && panes[0].edgeShort === 0,
                `EdgeLine label on the price axis: ${JSON.stringify(panes[0])}`,
              );
              assert(
                /Edge L [\d,.]+/.test(await page.getByTestId('legend').innerText()),
                'EdgeLine values missing from the legend',
              );
            },
          );
        }

        // Table geometry is the same in both themes: checked in dark, and in light when screenshots are taken.
        if (theme === 'light' && !screens && !phone) continue;
        await check(`${name}: panel tables scroll instead of cutting numbers off`, async () => {
          await unfold(page);
          await page.getByRole('button', { name: 'Panels' }).click();
          await page.getByRole('tab', { name: 'Levels' }).click();
          await page.getByRole('table', { name: 'Support and resistance levels' }).waitFor();
          await tablesNotClipped(page, assert, 'Levels');
          if (phone) await noViolations(page, assert, `axe (${theme}, phone): the bottom sheet`);
          await page.getByRole('tab', { name: 'HTF' }).click();
          await page.waitForFunction(() => document.querySelectorAll('.htf-row').length === 4, null, {
            timeout: 20_000,
          });
          await tablesNotClipped(page, assert, 'HTF');
          await page.getByRole('tab', { name: 'Study' }).click();
          await page.getByRole('button', { name: 'Run study' }).click();
          await page.waitForSelector('table[aria-label="Study summary"] tbody tr', { timeout: 90_000 });
          await tablesNotClipped(page, assert, 'Study');
          if (screens && !phone) await page.screenshot({ path: `docs/screens/${name}-study.png` });
          // The HTF histograms take the panel's width: wider panel, wider histograms.
          if (!phone) {
            await page.getByRole('tab', { name: 'HTF' }).click();
            await page.waitForFunction(() => document.querySelectorAll('.htf-row').length === 4);
            const before = await page
              .locator('.htf-hist')
              .first()
              .evaluate((c) => c.width);
            await page.getByRole('separator', { name: 'Resize panels' }).focus();
            for (let k = 0; k < 8; k++) await page.keyboard.press('Shift+ArrowLeft');
            await page.waitForFunction(
              (w) => (document.querySelector('.htf-hist')?.width ?? 0) > w + 100,
              before,
            );
          }
        });

        if (phone && theme === 'dark') {
          await check('phone: the panel is a bottom sheet over the chart', async () => {
            const sheet = await page.getByRole('complementary', { name: 'Panels' }).boundingBox();
            assert(sheet.x === 0 && Math.round(sheet.width) === size.width, `sheet ${JSON.stringify(sheet)}`);
            assert(
              Math.abs(sheet.y + sheet.height - size.height) <= 1 && sheet.height < size.height * 0.8,
              `sheet ${JSON.stringify(sheet)}`,
            );
            await page.getByRole('button', { name: 'Close panels' }).click();
          });

          await check('phone: dialogs fill the screen and close on Escape', async () => {
            await unfold(page);
            await page.getByRole('button', { name: 'Settings' }).click();
            const box = await page.getByRole('dialog', { name: 'Settings' }).boundingBox();
            assert(
              box.x === 0 && box.y === 0 && box.width === size.width && box.height === size.height,
              `dialog ${JSON.stringify(box)}`,
            );
            await page.keyboard.press('Escape');
            await page.getByRole('dialog', { name: 'Settings' }).waitFor({ state: 'detached' });
          });

          await check('phone: one finger pans the chart, two fingers pinch-zoom it', async () => {
            const pane = await page
              .locator('#chart table tr:first-child td:nth-child(2)')
              .first()
              .boundingBox();
            const y = pane.y + pane.height * 0.5;
            const t0 = Number(await param(page, 't'));
            const bars0 = Number(await param(page, 'bars'));
            await touch(page, [[pane.x + pane.width * 0.3, y, pane.x + pane.width * 0.8, y]]);
            await page.waitForFunction(
              (t) => Number(new URLSearchParams(location.search).get('t')) < t - 3600,
              t0,
              {
                timeout: 5000,
              },
            );
            const cx = pane.x + pane.width / 2;
            await touch(page, [
              [cx - 30, y, cx - 120, y],
              [cx + 30, y, cx + 120, y],
            ]);
            await page.waitForFunction(
              (b) => Number(new URLSearchParams(location.search).get('bars')) < b * 0.8,
              bars0,
              {
                timeout: 5000,
              },
            );
          });
        }
      } finally {
        await ctx.close();
      }
    }
  }
}
