import { launch } from '../test/e2e/harness.mjs';
const url = process.argv[2] ?? 'http://127.0.0.1:4573/';
for (let i = 0; i < 3; i++) {
  const ctx = await launch({ width: 1280, height: 800 });
  await ctx.addInitScript(() => {
    new MutationObserver(() => {
      const c = document.querySelector('#chart');
      if (c?.dataset.zonesInView && !window.__zones) window.__zones = performance.now();
      if (c?.dataset.markersInView && !window.__markers) window.__markers = performance.now();
    }).observe(document, { subtree: true, attributes: true, childList: true });
  });
  const page = await ctx.newPage();
  await page.goto('about:blank'); await page.waitForTimeout(1000);
  await page.goto(url);
  await page.waitForFunction(() => window.__zones, null, { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(200);
  const m = await page.evaluate(() => ({
    ...Object.fromEntries(performance.getEntriesByType('mark').map((e) => [e.name.replace('liqlab:', ''), Math.round(e.startTime)])),
    zones: Math.round(window.__zones ?? -1), markers: Math.round(window.__markers ?? -1),
    dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd),
    res: performance.getEntriesByType('resource').filter(r=>/\.(js|bin)$/.test(r.name)).map(r => `${r.name.split('/').pop().slice(0,18)}:${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`).join(' '),
  }));
  console.log(JSON.stringify(m));
  await ctx.close();
}
