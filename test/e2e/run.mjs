// Runs every e2e suite (test/e2e/*.suite.mjs) against the built app; prints `N passed, N failed`.
// Each suite exports `run(ctx)`; ctx = { check, assert, launch, APP_URL }. Filter: node test/e2e/run.mjs <substring>
// (several, comma-separated: `edge,subpath`).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APP_URL, assert, check, finish, launch } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const filters = (process.argv[2] ?? '').split(',');
const suites = readdirSync(here)
  .filter((f) => f.endsWith('.suite.mjs') && filters.some((x) => f.includes(x)))
  .sort();
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
