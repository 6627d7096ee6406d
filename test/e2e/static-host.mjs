// A static file host like GitHub Pages for e2e suites: serves a built dist/ under a path, with no rewrites (a
// missing file is a 404, never index.html), `/base` → `/base/` redirect, and a log of every request path.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain',
};

/** Serves `dir` under `base` on 127.0.0.1:`port`; resolves with { url, requests, close }. */
export async function serveStatic({ dir, base, port }) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (`${path}/` === base) return res.writeHead(301, { Location: base }).end();
    if (!path.startsWith(base)) return res.writeHead(404).end('not found');
    const rel = normalize(path.slice(base.length) || 'index.html');
    const file = join(dir, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile())
      return res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>404</h1>');
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'max-age=600',
    });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}${base}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

const builds = new Map();

/** Builds the app for `base` once per e2e run (BASE_PATH, as the README documents) into a temporary folder. */
export function buildForBase(base) {
  if (builds.has(base)) return builds.get(base);
  const built = new Promise((resolve, reject) => {
    const outDir = mkdtempSync(join(tmpdir(), 'liqlab-base-'));
    const build = spawn('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      // NODE_ENV pinned: an earlier suite's imports (vite's dev server, for one) can leave NODE_ENV=development in
      // this process, and a build inheriting it is a dev build (no service worker, dev Workbox).
      env: { ...process.env, BASE_PATH: base, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    build.on('exit', (code) =>
      code === 0 ? resolve(outDir) : reject(new Error(`build for ${base}: exit ${code}`)),
    );
  });
  builds.set(base, built);
  return built;
}
