// `npm run dev:mock`: the fake Coinalyze on a free port, and Vite proxying /coinalyze to it, so anyone can watch
// the live pipeline without a real key (enter any key, e.g. "test-key"; "bad-key" shows the 401 path).
import { spawn } from 'node:child_process';
import { createFakeCoinalyze } from '../test/fakes/coinalyze/server.mjs';

const fake = createFakeCoinalyze({ keys: null });
const upstream = await fake.listen(Number(process.env.FAKE_COINALYZE_PORT ?? 0));
console.log(`fake Coinalyze at ${upstream} (any key except "bad-key" works)`);
const mode = process.argv[2] === 'preview' ? ['preview', '--host', '127.0.0.1'] : [];
const vite = spawn('npx', ['vite', ...mode, ...process.argv.slice(3)], {
  stdio: 'inherit',
  env: { ...process.env, COINALYZE_UPSTREAM: upstream },
});
const stop = () => {
  vite.kill('SIGTERM');
  void fake.close();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
vite.on('exit', (code) => {
  void fake.close().then(() => process.exit(code ?? 0));
});
