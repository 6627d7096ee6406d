// Runs every test: typecheck, lint, unit + browser (vitest), build, e2e against the built app.
// Ends with one plain line `N passed, N failed` that counts every test and every check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;
const step = (name, cmd, args, env = {}) => {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
};
const count = (name, ok) => {
  if (ok) passed++;
  else {
    failed++;
    console.log(`✗ ${name} failed`);
  }
};

count('typecheck', step('typecheck', 'npm', ['run', '-s', 'typecheck']));
count('lint', step('lint', 'npx', ['biome', 'check', '.']));

const vitestJson = 'test-results/vitest.json';
rmSync(vitestJson, { force: true });
const vitestOk = step('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (!vitestOk && r.numFailedTests === 0) count('vitest (suite error)', false);
} else count('vitest (no report)', false);

const built = step('build', 'npm', ['run', '-s', 'build']);
count('build', built);
if (built) {
  const e2eJson = 'test-results/e2e.json';
  rmSync(e2eJson, { force: true });
  const e2eOk = step('e2e', 'node', ['scripts/with-preview.mjs', 'node', 'test/e2e/run.mjs'], {
    E2E_REPORT: e2eJson,
  });
  if (existsSync(e2eJson)) {
    const r = JSON.parse(readFileSync(e2eJson, 'utf8'));
    passed += r.passed;
    failed += r.failed;
    if (!e2eOk && r.failed === 0) count('e2e (runner error)', false);
  } else count('e2e (no report)', false);
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
