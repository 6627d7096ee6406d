import AxeBuilder from '@axe-core/playwright';
import { launch } from '../test/e2e/harness.mjs';
const [w = '1400', h = '900', theme = 'dark'] = process.argv.slice(2);
const ctx = await launch({ width: Number(w), height: Number(h) });
await ctx.addInitScript((t) => { if (!localStorage.getItem('liqlab:layout')) localStorage.setItem('liqlab:layout', JSON.stringify({ theme: t })); }, theme);
const page = await ctx.newPage();
await page.goto('http://127.0.0.1:4573/');
await page.locator('.analysis-counts').waitFor({ timeout: 20000 });
const report = async (name) => {
  const r = await new AxeBuilder({ page }).analyze();
  console.log(`== ${name}: ${r.violations.length} violations`);
  for (const v of r.violations) console.log(`  ${v.id} (${v.impact}): ${v.nodes.length} nodes: ${v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary ?? '').split('\n')[1]).join(' | ')}`);
};
await report('main');
if (process.env.ACTION) { await eval(`(async () => { ${process.env.ACTION} })()`); await report('after action'); }
await ctx.close();
