import { launch } from '../test/e2e/harness.mjs';
const ctx = await launch({ width: 1400, height: 900 });
const page = await ctx.newPage();
await page.goto(`http://127.0.0.1:4573/`);
for (const wait of [300, 1500, 6000]) {
  await page.waitForTimeout(wait);
  console.log(wait, await page.evaluate(() => [...document.querySelectorAll('#chart table tr')].map((tr) => Math.round(tr.getBoundingClientRect().height)).join(',')));
}
await ctx.close();
