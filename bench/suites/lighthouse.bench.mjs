// Lighthouse 12.2.3 on the built app with the system Chromium: accessibility and best-practices scores (0–100),
// each the lower of the mobile (default) and desktop runs. Performance is measured by app.bench.mjs instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One Lighthouse run; returns the category scores ×100 and the failing audits' ids. */
function lighthouse(root, url, preset) {
  const dir = mkdtempSync(join(tmpdir(), 'liqlab-lh-'));
  const out = join(dir, 'lh.json');
  try {
    const args = [
      'lighthouse',
      url,
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      '--only-categories=accessibility,best-practices',
      `--chrome-flags=${[...FLAGS, `--user-data-dir=${join(dir, 'profile')}`].join(' ')}`,
      ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    ];
    const r = spawnSync('npx', args, {
      cwd: root,
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 240_000,
    });
    if (r.status !== 0) throw new Error(`lighthouse (${preset}) exited with ${r.status}`);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const failing = Object.values(report.categories)
      .flatMap((c) => c.auditRefs.filter((a) => a.weight > 0))
      .map((a) => report.audits[a.id])
      .filter((a) => a.score !== null && a.score < 1)
      .map((a) => a.id);
    return {
      accessibility: Math.round(report.categories.accessibility.score * 100),
      bestPractices: Math.round(report.categories['best-practices'].score * 100),
      failing,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run({ appUrl, root }) {
  const mobile = lighthouse(root, appUrl, 'mobile');
  const desktop = lighthouse(root, appUrl, 'desktop');
  const failing = [...new Set([...mobile.failing, ...desktop.failing])];
  const note = (key) =>
    `target 100; lower of mobile ${mobile[key]} and desktop ${desktop[key]} (Lighthouse 12.2.3, system Chromium)${failing.length ? `; failing: ${failing.join(', ')}` : ''}`;
  return {
    'lh.accessibility': {
      value: Math.min(mobile.accessibility, desktop.accessibility),
      unit: 'score',
      note: note('accessibility'),
    },
    'lh.best_practices': {
      value: Math.min(mobile.bestPractices, desktop.bestPractices),
      unit: 'score',
      note: note('bestPractices'),
    },
  };
}
