// One way to serve the built app (`vite preview`) and to wait for things, for the e2e suites, the benches and
// scripts/with-preview.mjs (each had its own copy).
import { spawn } from 'node:child_process';
import { get } from 'node:http';

/** Polls `cond` (sync or async) every `everyMs` until it is true; throws naming `what` after `ms`. */
export async function waitUntil(cond, ms, what, everyMs = 100) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * True once `url` answers with a 2xx status. Plain node:http, not fetch: fetch refuses the Fetch standard's "bad
 * ports" (4190 among them) with an error that looks like a server still starting.
 */
export function answers(url) {
  return new Promise((resolve) => {
    const req = get(url, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(5000, () => req.destroy());
  });
}

/**
 * Starts `vite preview` of `dist/` on 127.0.0.1:`port` with `env` added to this process's, and resolves once it
 * answers. `stop()` ends it (also when this process exits). Its output is dropped unless `output` is 'inherit'.
 */
export async function startPreview({ port, env = {}, cwd, output = 'ignore', timeoutMs = 30_000 }) {
  const child = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', output, 'inherit'],
      // Its own process group: npx starts vite as a grandchild, and stop() ends the whole group.
      detached: true,
    },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntil(() => answers(url), timeoutMs, `vite preview on ${url}`, 200);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, stop };
}
