// App-level figures: JS loaded before the first drawn chart (gzip) and cold load to that chart on demo data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Installed in the page before it loads (an init script), so the check runs from the first frame and does not
 * depend on when the harness gets to ask: stores on `window.__firstDrawnChart` a promise of the start time of the
 * first animation frame in which the chart canvas shows candle pixels (the up-candle colour) and the first screen's
 * overlays are drawn (at least one level zone in view, which the zones primitive counts while drawing, and one
 * event marker), and the .js files fetched by then. The frame's own timestamp is taken, not the time after the
 * pixel read-back (which costs ~10 ms of its own on a 1200×400 canvas).
 */
const FIRST_DRAWN_CHART = () => {
  window.__firstDrawnChart = new Promise((resolve) => {
    const tick = (frameStart) => {
      const chart = document.querySelector('#chart[data-ready="true"]');
      const canvas = chart?.querySelector('canvas');
      const ctx = canvas?.getContext('2d');
      const overlays =
        Number(chart?.dataset.zonesInView ?? 0) > 0 && Number(chart?.dataset.markersInView ?? 0) > 0;
      if (ctx && canvas.width > 0 && overlays) {
        const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let k = 0; k < d.length; k += 4 * 50) {
          if (d[k] === 0x26 && d[k + 1] === 0xa6) {
            const js = performance
              .getEntriesByType('resource')
              .filter((e) => /\.js$/.test(new URL(e.name).pathname) && e.startTime <= frameStart)
              .map((e) => new URL(e.name).pathname);
            return resolve({ at: frameStart, js });
          }
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
};

/**
 * One cold load in a fresh profile (no HTTP cache, no service worker, empty IndexedDB). `settle`: the browser idles
 * on a blank page for a second first, as a user's already-running browser would; otherwise the page loads while
 * the just-launched browser is still starting its own processes. `cpuSlowdown`: the page's CPU is slowed that many
 * times (DevTools' CPU throttling, as Lighthouse's mobile run does), a stand-in for a phone or a slower machine.
 */
async function coldLoad(launch, appUrl, settle, cpuSlowdown = 1) {
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    if (settle) {
      await page.goto('about:blank');
      await page.waitForTimeout(1000);
    }
    if (cpuSlowdown > 1) {
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    }
    await page.addInitScript(FIRST_DRAWN_CHART);
    await page.goto(appUrl);
    return await page.evaluate(() => window.__firstDrawnChart);
  } finally {
    await ctx.close();
  }
}

/** CPU slowdown of the phone-like loads: Lighthouse's mobile preset. */
const SLOWDOWN = 4;

export async function run({ launch, appUrl, root }) {
  await coldLoad(launch, appUrl, true); // warms the preview server's file cache; not counted
  const loads = [];
  const launched = [];
  const slowed = [];
  for (let i = 0; i < 5; i++) {
    loads.push(await coldLoad(launch, appUrl, true));
    launched.push(await coldLoad(launch, appUrl, false));
    slowed.push(await coldLoad(launch, appUrl, true, SLOWDOWN));
  }
  const times = loads.map((l) => l.at);
  const launchTimes = launched.map((l) => l.at);
  const slowedTimes = slowed.map((l) => l.at);
  // Everything the page had fetched as JS by the first drawn chart (entry, its chunks, the lazily imported chart
  // runtime, a worker if one started early), measured from the browser rather than read off index.html.
  const files = [...new Set([...loads, ...launched].flatMap((l) => l.js))].sort();
  const kb =
    files
      .map((f) => gzipSync(readFileSync(join(root, 'dist', f)), { level: 9 }).length)
      .reduce((a, b) => a + b, 0) / 1024;
  return {
    'app.initial_js_gzip_kb': {
      value: kb,
      unit: 'KB',
      note: `target ≤ 100; gzip -9 of the ${files.length} JS files fetched before the first drawn chart (${files.map((f) => f.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '')).join(', ')})`,
    },
    'app.first_chart_paint_ms': {
      value: median(times),
      unit: 'ms',
      note: `target ≤ 500; median of 5 cold loads (fresh profile, browser idle; navigation start to the start of the first frame with candles, a level zone and an event marker drawn; checked from the page's first frame); runs: ${times.map((t) => Math.round(t)).join(', ')}`,
    },
    'app.first_chart_paint_fresh_browser_ms': {
      value: median(launchTimes),
      unit: 'ms',
      note: `the same, navigating the moment the browser has launched (its start-up competes for the two cores); runs: ${launchTimes.map((t) => Math.round(t)).join(', ')}`,
    },
    'app.first_chart_paint_cpu4x_ms': {
      value: median(slowedTimes),
      unit: 'ms',
      note: `the same cold loads with the page's CPU slowed ${SLOWDOWN}× (DevTools throttling, Lighthouse's mobile setting; a stand-in for a phone or a slower machine); runs: ${slowedTimes.map((t) => Math.round(t)).join(', ')}`,
    },
  };
}
