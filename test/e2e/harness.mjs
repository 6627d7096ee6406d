// A tiny e2e harness on playwright-core + Debian chromium: named checks, a plain summary line, a JSON report.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const APP_URL = process.env.APP_URL ?? `http://127.0.0.1:${process.env.PREVIEW_PORT ?? '4173'}/`;
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh browser profile (new IndexedDB, no service worker); `options` go to launchPersistentContext (hasTouch…). */
export async function launch(viewport = { width: 1280, height: 800 }, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'liqlab-e2e-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    ...options,
  });
}

const results = [];

/** Runs one named check; a thrown error fails it. */
export async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - t0 });
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, ms: Date.now() - t0, error: String(e?.stack ?? e) });
    console.log(
      `  ✗ ${name}\n    ${String(e?.message ?? e)
        .split('\n')
        .join('\n    ')}`,
    );
  }
}

/** Throws with `message` unless `cond` holds. */
export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Prints the summary, writes the report for test-all, and sets the exit code. */
export function finish(reportPath = process.env.E2E_REPORT) {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  if (reportPath) writeFileSync(reportPath, JSON.stringify({ passed, failed, results }, null, 2));
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}
