import { launch } from '../test/e2e/harness.mjs';
const ctx = await launch({ width: 1400, height: 900 });
const page = await ctx.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(`http://127.0.0.1:4573/${process.argv[2] ?? ''}`);
for (let i = 0; i < 12; i++) {
  const s = await page.evaluate(() => ({ url: location.search, ...document.querySelector('#chart')?.dataset, legend: document.querySelector('.legend-time')?.textContent }));
  console.log(Math.round(performance.now()), JSON.stringify(s));
  await page.waitForTimeout(400);
}
await ctx.close();
