// The Cloudflare Worker of deploy/cloudflare-worker, built by wrangler (`deploy --dry-run --outdir`, the real
// build) and run locally in workerd through miniflare. Shared by the integration test and the e2e suite.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../deploy/cloudflare-worker');

/** wrangler.toml's compatibility date, so the local runtime behaves as the deployed one. */
export function compatibilityDate() {
  const m = readFileSync(join(dir, 'wrangler.toml'), 'utf8').match(/^compatibility_date = "([\d-]+)"$/m);
  if (!m) throw new Error('no compatibility_date in wrangler.toml');
  return m[1];
}

/**
 * Builds the Worker as `wrangler deploy` would, without deploying; resolves with the bundle's folder. The bundle
 * is kept per content of worker.ts, wrangler.toml and wrangler's version, so the integration test and the e2e suite of one run share
 * one build (wrangler takes seconds to start).
 */
export function buildWorker() {
  const hash = createHash('sha256');
  for (const f of ['worker.ts', 'wrangler.toml', '../../node_modules/wrangler/package.json'])
    hash.update(readFileSync(join(dir, f)));
  const outDir = join(tmpdir(), `liqlab-worker-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(outDir, 'worker.js'))) return Promise.resolve(outDir);
  const building = `${outDir}.${process.pid}`;
  return new Promise((resolve, reject) => {
    let output = '';
    const build = spawn('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', building], {
      cwd: dir,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    build.stdout.on('data', (d) => {
      output += d;
    });
    build.stderr.on('data', (d) => {
      output += d;
    });
    build.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`wrangler build failed (${code}):\n${output}`));
      rmSync(outDir, { recursive: true, force: true });
      renameSync(building, outDir);
      resolve(outDir);
    });
  });
}

/**
 * Runs the built Worker in workerd with these vars; `port` 0 picks a free one. Everything the runtime prints
 * (console output included) is collected in `output`, so a test can show the Worker logs nothing.
 */
export async function startWorker(bundleDir, { upstream, allowedOrigins, port = 0 }) {
  const output = [];
  const mf = new Miniflare({
    modules: true,
    modulesRoot: bundleDir,
    scriptPath: join(bundleDir, 'worker.js'),
    compatibilityDate: compatibilityDate(),
    bindings: { UPSTREAM: upstream, ALLOWED_ORIGINS: allowedOrigins },
    host: '127.0.0.1',
    port,
    handleRuntimeStdio(stdout, stderr) {
      stdout.on('data', (d) => output.push(String(d)));
      stderr.on('data', (d) => output.push(String(d)));
    },
  });
  const url = await mf.ready;
  return { url: url.href.replace(/\/$/, ''), output, dispose: () => mf.dispose() };
}
