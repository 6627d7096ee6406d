import preact from '@preact/preset-vite';
import { defineConfig, type ProxyOptions } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

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

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest,bin,json}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/coinalyze\//, /^\/telegram\//],
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
          groups: [
            { name: 'lightweight-charts', test: /node_modules[\\/]lightweight-charts/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: { proxy: proxies() },
  preview: { proxy: proxies() },
});
