import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The real datasets (../shared/data/real from the main checkout, one level further from a worktree), which the
// browser tests read through the `readRealData` command: the page itself may only load files inside the project.
const realDir = [resolve('..', 'shared', 'data', 'real'), resolve('..', '..', 'shared', 'data', 'real')].find(
  (d) => existsSync(d),
);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          // A larger young generation: the soak and storage tests churn through short-lived 32–160 KB chunk copies
          // (fake-indexeddb clones every read and write), and with Node's default the scavenger ran ~1 s in 6.
          execArgv: ['--max-semi-space-size=64'],
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'src/**/*.test.ts'],
        },
      },
      {
        plugins: [preact()],
        worker: { format: 'es' },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
                args: chromiumArgs,
              },
            }),
            instances: [{ browser: 'chromium' }],
            commands: {
              readRealData: (_ctx, name: string) => {
                if (!realDir) throw new Error('real data missing: ../shared/data/real not found');
                return readFileSync(resolve(realDir, basename(name)), 'utf8');
              },
            },
          },
        },
      },
    ],
  },
});
