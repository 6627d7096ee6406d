// Runs a command while `vite preview` serves the built app on 127.0.0.1:$PREVIEW_PORT (default 4173).
// Usage: node scripts/with-preview.mjs <command> [args…]; the command's exit code is ours.
import { spawn } from 'node:child_process';

const port = process.env.PREVIEW_PORT ?? '4173';
const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node scripts/with-preview.mjs <command> [args…]');
  process.exit(2);
}
const preview = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: process.env,
  detached: true,
});
const stop = () => {
  try {
    process.kill(-preview.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stop);
const url = `http://127.0.0.1:${port}/`;
const deadline = Date.now() + 30_000;
for (;;) {
  try {
    if ((await fetch(url)).ok) break;
  } catch {
    // not up yet
  }
  if (Date.now() > deadline) {
    console.error(`vite preview did not answer on ${url} within 30 s`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 200));
}
const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, APP_URL: url } });
child.on('exit', (code) => {
  stop();
  process.exit(code ?? 1);
});
