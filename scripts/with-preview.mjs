// Runs a command while `vite preview` serves the built app on 127.0.0.1:$PREVIEW_PORT (default: a free port); the
// command finds it in $APP_URL.
// Usage: node scripts/with-preview.mjs <command> [args…]; the command's exit code is ours.
import { spawn } from 'node:child_process';
import { startPreview } from './preview.mjs';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node scripts/with-preview.mjs <command> [args…]');
  process.exit(2);
}
const preview = await startPreview({ port: process.env.PREVIEW_PORT }).catch((e) => {
  console.error(e.message);
  process.exit(1);
});
const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, APP_URL: preview.url } });
child.on('exit', (code) => {
  preview.stop();
  process.exit(code ?? 1);
});
