// Runs every e2e suite (test/e2e/*.suite.mjs) against the built app; prints `N passed, N failed`.
// Each suite exports `run(ctx)`; ctx = { check, assert, launch, APP_URL }. Filter: node test/e2e/run.mjs <substring>
// (several, comma-separated: `edge,subpath`; `!data` runs every suite but those matching `data`).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APP_URL, assert, check, finish, launch } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const filters = (process.argv[2] ?? '').split(',');
const excluded = filters.filter((x) => x.startsWith('!')).map((x) => x.slice(1));
const included = filters.filter((x) => !x.startsWith('!'));
const wanted = (f) =>
  !excluded.some((x) => f.includes(x)) && (included.length === 0 || included.some((x) => f.includes(x)));
// Suites whose checks time real seconds (delivery, failover within 10 s) run last: test-all runs the data suite's
// long backfill beside the first ones, and they should not share the CPU with it.
const timed = ['alerts', 'unattended'];
const rank = (f) => (timed.some((x) => f.startsWith(x)) ? 1 : 0);
const suites = readdirSync(here)
  .filter((f) => f.endsWith('.suite.mjs') && wanted(f))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
for (const file of suites) {
  console.log(`\n${file}`);
  const suite = await import(pathToFileURL(join(here, file)).href);
  try {
    await suite.run({ check, assert, launch, APP_URL });
  } catch (e) {
    await check(`${file} (suite crashed)`, () => {
      throw e;
    });
  }
}
finish();
