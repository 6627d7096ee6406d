import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { guidePage } from './scripts/guide/markdown.ts';

/**
 * The path the app is served under, chosen at build time: `BASE_PATH=/liqlab/ npm run build` for
 * https://user.github.io/liqlab/. Everything the app loads (scripts, workers, service worker, manifest, icons,
 * demo data) is relative to it; the default is the site root.
 */
function basePath(): string {
  const base = process.env.BASE_PATH ?? '/';
  if (!/^\/([A-Za-z0-9._~-]+\/)*$/.test(base))
    throw new Error(
      `BASE_PATH must start and end with "/" and hold plain path segments, e.g. /liqlab/ (got "${base}")`,
    );
  return base;
}
const base = basePath();
/** API proxy paths a navigation must reach the network for, at the site root and under the base path. */
const proxyPaths = [/^\/(coinalyze|telegram)\//];
if (base !== '/') proxyPaths.push(new RegExp(`^${base.replace(/[.]/g, '\\$&')}(coinalyze|telegram)/`));

/** Same-origin proxies: Coinalyze sends no CORS headers, so the page calls /coinalyze/v1 and we forward it. */
function proxies(): Record<string, ProxyOptions> {
  const coinalyze = process.env.COINALYZE_UPSTREAM ?? 'https://api.coinalyze.net';
  const table: Record<string, ProxyOptions> = {
    '/coinalyze': {
      target: coinalyze,
      changeOrigin: true,
      rewrite: (path) => path.replace(/^\/coinalyze/, ''),
    },
  };
  // Tests point the Telegram base URL at /telegram so the strict CSP needs no extra origin.
  const telegram = process.env.TELEGRAM_UPSTREAM;
  if (telegram) {
    table['/telegram'] = {
      target: telegram,
      changeOrigin: true,
      rewrite: (path) => path.replace(/^\/telegram/, ''),
    };
  }
  return table;
}

/**
 * The chart runtime is a dynamic import (src/ui/chart/chart-runtime.ts) so the entry can run before the chart
 * library arrives; these modulepreload tags start its download with the HTML all the same.
 */
function preloadChartRuntime(): Plugin {
  let base = '/';
  return {
    name: 'liqlab-preload-chart-runtime',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const runtime = chunks.find((c) => c.facadeModuleId?.endsWith('/src/ui/chart/chart-runtime.ts'));
        if (!runtime) throw new Error('chart-runtime chunk not found: is it still a dynamic import?');
        const files = [runtime.fileName, ...runtime.imports].filter((f) => !html.includes(f));
        return files.map((f) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${f}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * The chunks whose code nearly all runs for the first chart (the chart runtime and lightweight-charts) start with
 * V8's compile hint, so their functions are compiled on a background thread as the file streams in, rather than
 * one by one on the main thread as the first frame calls them (about 1,100 lazy compiles, some 100 ms of the main
 * thread on a cold load). The entry is left out: much of it never runs at start, and it must be compiled before
 * anything runs, so compiling all of it up front would only delay that.
 */
function compileHints(): Plugin {
  const eager = new Set(['chart-runtime', 'lightweight-charts']);
  return {
    name: 'liqlab-compile-hints',
    apply: 'build',
    // After minification, which drops comments.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !eager.has(chunk.name)) continue;
        chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
        // A source map (`--sourcemap`) is already its own asset: its lines move down by one.
        const map = bundle[`${chunk.fileName}.map`];
        if (map?.type === 'asset' && typeof map.source === 'string') {
          const json = JSON.parse(map.source) as { mappings: string };
          map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` });
        }
      }
    },
  };
}

/** The README as guide.html (scripts/guide/markdown.ts): the intro strip links to its sections, offline too. */
function guide(): Plugin {
  let base = '/';
  const page = () => guidePage(readFileSync('README.md', 'utf8'), base);
  return {
    name: 'liqlab-guide',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== `${base}guide.html`) return next();
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(page());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'guide.html', source: page() });
    },
  };
}

export default defineConfig({
  base,
  plugins: [
    preact(),
    preloadChartRuntime(),
    compileHints(),
    guide(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest,bin,json}'],
        // Relative to the service worker, so the fallback is this build's index.html under any base path.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: proxyPaths,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          // No separate vendor chunk: the entry would wait for a second request before it could run (Preact, idb
          // and comlink go into the entry and the lazy chunks that use them).
          groups: [{ name: 'lightweight-charts', test: /node_modules[\\/]lightweight-charts/ }],
        },
      },
    },
  },
  server: { proxy: proxies() },
  preview: { proxy: proxies() },
});
