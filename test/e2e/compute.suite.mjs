// The app analyses the demo data: the analysis bar counts the events core finds on the same data, hovering an
// event's bar reads out its label and its rarity over the long window, the oscillator selector redraws the pane,
// the Levels tab lists levels, and Settings → Spikes validates the long-baseline fields and states the promise.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import { chartFingerprint } from './pixels.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The events core's detector finds on the bundled demo with the default settings (what the UI must show). */
async function expectedDemoEvents() {
  const load = async (p) => (await runnerImport(join(root, p), { root, logLevel: 'error' })).module;
  const { decodeDemoAsset } = await load('src/core/demo/asset.ts');
  const { detectSpikes } = await load('src/core/spikes/detect.ts');
  const { DEFAULT_SPIKE_PARAMS } = await load('src/core/spikes/params.ts');
  const bytes = readFileSync(join(root, 'public/demo/btcusdt-perp-1h.bin'));
  const a = decodeDemoAsset(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const n = a.close.length;
  const frame = {
    start: a.start,
    step: a.step,
    candles: { ...a, start: a.start, step: a.step },
    liq: {
      start: a.start,
      step: a.step,
      long: a.longUsd,
      short: a.shortUsd,
      covered: new Uint8Array(n).fill(1),
    },
  };
  return detectSpikes(frame, '1h', DEFAULT_SPIKE_PARAMS).events;
}

export async function run({ check, assert, launch, APP_URL }) {
  const expected = await expectedDemoEvents();
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    await page.goto(APP_URL);
    const counts = page.locator('.analysis-counts');
    await counts.waitFor({ timeout: 60_000 });

    await check(
      'the analysis bar counts the spike events core finds on the demo with the defaults',
      async () => {
        const events = Number(await counts.getAttribute('data-events'));
        assert(expected.length >= 10, `core finds only ${expected.length} events on the demo`);
        assert(events === expected.length, `analysis bar ${events}, core ${expected.length}`);
        assert(/false alarms\/day/.test(await counts.textContent()), 'no false-alarm figure');
      },
    );

    await check(
      'hovering an event’s bar reads out its label and its rarity over the long window',
      async () => {
        // The demo opens on the 2024-08-05 cascade; this check reads the bars around the 2024-08-15 18:00 flush,
        // opened the way a shared link opens them.
        await page.goto(`${APP_URL}?tf=1h&t=1723744800&bars=160`);
        await page.waitForSelector('#chart[data-ready="true"]', { timeout: 20_000 });
        await page.waitForFunction(
          () => Number(document.querySelector('#chart')?.dataset.markersInView ?? 0) > 0,
          null,
          {
            timeout: 20_000,
          },
        );
        const box = await page.locator('#chart').boundingBox();
        const seen = new Set();
        // sweep the price pane left to right (the plot ends ~60 px before the price scale)
        for (let x = box.x + 5; x < box.x + box.width - 65; x += 5) {
          await page.mouse.move(x, box.y + box.height * 0.3);
          for (const t of await page.locator('.spike-readout').allInnerTexts()) seen.add(t);
        }
        assert(seen.size > 0, 'no event readout anywhere on the recent bars');
        for (const t of seen) {
          assert(
            /^(long|short) (onset|continuation|seasonal|extreme): \$[\d.]+[KMB]?, (1 in ~|rarer than 1 in ~|not rare over )/.test(
              t,
            ),
            `readout: ${t}`,
          );
          assert(/\(tail of the last \d+ days\) · z /.test(t) || /not rare over/.test(t), `readout: ${t}`);
        }
        // the recent bars hold the 2024-08-15 18:00 long flush: $12.9M, about one in two weeks over 57 days
        assert(
          [...seen].some((t) =>
            /^long onset: \$12\.\d\dM, 1 in ~1\d days \(tail of the last 5\d days\)/.test(t),
          ),
          [...seen].join(' | '),
        );
      },
    );

    await check('the oscillator selector redraws the pane', async () => {
      await page.mouse.move(0, 0);
      await page.waitForTimeout(200);
      const before = await chartFingerprint(page);
      await page.getByLabel('Oscillator').selectOption('heat');
      await page.waitForFunction(
        (fp) => {
          // same fingerprint as pixels.mjs, inline: the page cannot import it
          let h = 0;
          for (const canvas of document.querySelectorAll('#chart canvas')) {
            const c = canvas.getContext('2d');
            if (!c || canvas.width === 0) continue;
            const d = c.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) | 0;
          }
          return h !== fp;
        },
        before,
        { timeout: 10_000 },
      );
      assert((await chartFingerprint(page)) !== before, 'the chart looks the same after switching to heat');
    });

    await check('Levels tab lists the demo’s levels', async () => {
      await page.getByRole('button', { name: 'Panels' }).click();
      await page.getByRole('tab', { name: 'Levels' }).click();
      const table = page.getByRole('table', { name: 'Support and resistance levels' });
      await table.waitFor({ timeout: 10_000 });
      const rows = await table.locator('tbody tr').count();
      assert(rows > 0, 'no level rows');
    });

    await check(
      'Settings → Spikes: long-baseline fields validate inline and the extreme promise follows them',
      async () => {
        await page.getByRole('button', { name: 'Settings' }).click();
        const hint = page.getByTestId('false-alarms');
        await hint.waitFor({ timeout: 10_000 });
        assert(/false alarms per series/.test(await hint.textContent()), 'no false-alarm text');
        await page.getByLabel('Long baseline window (days)').waitFor();
        const extreme = page.getByLabel('Extreme: rarer than 1 in (days)');
        const promise = page.getByTestId('extreme-promise');
        assert(/one in 20 days/.test(await promise.textContent()), await promise.textContent());
        await extreme.fill('0');
        await page
          .getByText('Extreme: rarer than 1 in (days): must be at least 0.1.', { exact: true })
          .first()
          .waitFor({ timeout: 5000 });
        assert(
          await page.getByRole('button', { name: 'Save', exact: true }).isDisabled(),
          'Save enabled with 0 days',
        );
        await extreme.fill('30');
        await page.waitForFunction(() =>
          /one in 30 days/.test(document.querySelector('[data-testid="extreme-promise"]')?.textContent ?? ''),
        );
        assert(
          await page.getByRole('button', { name: 'Save', exact: true }).isEnabled(),
          'Save disabled with 30 days',
        );
        await page.getByRole('button', { name: 'Cancel' }).click();
      },
    );
  } finally {
    await ctx.close();
  }
}
