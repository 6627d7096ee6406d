// Benchmarks in real Chromium. Runs bench/suites/*.bench.mjs (filter: `npm run bench -- <substring>`),
// prints a table and merges the figures into bench/results.json (flat map key → {value, unit, baseline?, note?}).
// ctx for suites: { launch, appUrl, runPage(path, timeoutMs), root } — runPage opens bench/pages/<path> on a
// Vite dev server and resolves with the page's `window.__bench` object once it is set.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'vite';
import { startPreview } from '../scripts/preview.mjs';
import { launch } from '../test/e2e/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';
const resultsPath = join(root, 'bench/results.json');
const previewPort = process.env.BENCH_PREVIEW_PORT;

if (spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
const preview = await startPreview({ port: previewPort, cwd: root });
const appUrl = preview.url;
// The dev server for bench pages starts only when a suite first needs it: its dependency scan would otherwise
// compete for the CPU with the app suite's cold loads.
let server = null;
async function pagesUrl() {
  if (!server) {
    server = await createServer({ root, server: { host: '127.0.0.1', port: 0 }, logLevel: 'error' });
    await server.listen();
  }
  const address = server.httpServer?.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/bench/pages/`;
}
async function runPage(path, timeoutMs = 120_000) {
  const ctx = await launch();
  try {
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error(`  page error in ${path}: ${e.message}`));
    // The just-launched browser starts its own processes and pages for about a second, which on two cores took CPU
    // from the first passes a page timed (its main thread was busy for well under half of a first pass's wall
    // time). A user's browser is already running, so bench pages start on a settled one, as the app bench does.
    await page.goto('about:blank');
    await page.waitForTimeout(1000);
    await page.goto((await pagesUrl()) + path);
    await page.waitForFunction(() => window.__bench !== undefined, null, {
      timeout: timeoutMs,
      polling: 200,
    });
    const out = await page.evaluate(() => window.__bench);
    if (out?.error) throw new Error(`${path}: ${out.error}`);
    return out;
  } finally {
    await ctx.close();
  }
}

const results = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
const suites = readdirSync(join(root, 'bench/suites'))
  .filter((f) => f.endsWith('.bench.mjs') && f.includes(filter))
  .sort();
let failures = 0;
try {
  for (const file of suites) {
    console.log(`\n▶ ${file}`);
    try {
      const suite = await import(pathToFileURL(join(root, 'bench/suites', file)).href);
      Object.assign(results, await suite.run({ launch, appUrl, runPage, root }));
    } catch (e) {
      failures++;
      console.error(`  ${file} failed: ${e?.stack ?? e}`);
    }
  }
} finally {
  await server?.close();
  preview.stop();
}

const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(resultsPath, `${JSON.stringify(sorted, null, 2)}\n`);
const rows = Object.entries(sorted).map(([k, r]) => [
  k,
  `${Number(r.value.toPrecision(4))} ${r.unit}`,
  r.baseline === undefined ? '' : String(Number(r.baseline.toPrecision(4))),
  r.note ?? '',
]);
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), 6));
console.log(`\n${['key', 'value', 'baseline', 'note'].map((h, c) => h.padEnd(widths[c])).join('  ')}`);
for (const r of rows) console.log(r.map((v, c) => v.padEnd(widths[c])).join('  '));
console.log(`\nwrote ${resultsPath}`);
process.exit(failures > 0 ? 1 : 0);
