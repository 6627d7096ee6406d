// One way to serve the built app (`vite preview`) and to wait for things, for the e2e suites, the benches and
// scripts/with-preview.mjs (each had its own copy).
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';

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

/** Listens on 127.0.0.1:`port` (0: any) for a moment and resolves with the port; rejects when it is taken. */
function claim(port) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e) =>
      reject(
        e.code === 'EADDRINUSE' ? new Error(`port ${port} on 127.0.0.1 is taken by another program`) : e,
      ),
    );
    probe.listen(port, '127.0.0.1', () => {
      const address = probe.address();
      const got = typeof address === 'object' && address ? address.port : port;
      probe.close(() => resolve(got));
    });
  });
}

/**
 * A TCP port on 127.0.0.1 that nothing listens on now, as the OS hands them out. Test servers take one each, so
 * two test runs (or a run beside `npm start`) on one machine do not meet on a fixed port.
 */
export const freePort = () => claim(0);

/**
 * Starts `vite preview` of `dist/` on 127.0.0.1:`port` (a free one when not given) with `env` added to this
 * process's, and resolves once it answers. `stop()` ends it (also when this process exits). Its output is dropped
 * unless `output` is 'inherit'. Rejects when the port is taken or vite exits first: another server answering
 * there must not pass for this build.
 */
export async function startPreview({ port, env = {}, cwd, output = 'ignore', timeoutMs = 30_000 }) {
  port = await claim(port === undefined || port === '' ? 0 : Number(port));
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
  let exited = null;
  child.on('exit', (code) => {
    exited = code;
  });
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntil(
      async () => {
        if (exited !== null)
          throw new Error(`vite preview exited (code ${exited}) before serving ${url}: port taken?`);
        return (await answers(url)) && exited === null;
      },
      timeoutMs,
      `vite preview on ${url}`,
      200,
    );
  } catch (e) {
    stop();
    throw e;
  }
  return { url, stop };
}
