// Builds public/demo/btcusdt-perp-1h.bin from the recorded files in ../shared/data/real (MIT, denizyts/Coinalyze-Backtester).
// Usage: npm run demo:build [-- <data dir>]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.argv[2] ?? join(root, '..', 'shared', 'data', 'real'));
const { module: convert } = await runnerImport(join(root, 'src/core/demo/convert.ts'));
const { module: asset } = await runnerImport(join(root, 'src/core/demo/asset.ts'));

const liq = readFileSync(
  join(dataDir, 'coinalyze_binance_btcusdt_perp_liq_btc_1h_2024-06_2024-08.csv'),
  'utf8',
);
const ohlcv = readFileSync(
  join(dataDir, 'coinalyze_binance_btcusdt_perp_ohlcv_1h_2024-06_2024-08.csv'),
  'utf8',
);
const frame = convert.convertDemo(liq, ohlcv);
const bytes = asset.encodeDemoAsset(frame, {
  symbol: 'BTCUSDT_PERP.A',
  exchange: 'A',
  margined: 'STABLE',
  attribution: 'Data: Coinalyze (recorded by denizyts/Coinalyze-Backtester)',
  licence: 'MIT, Copyright (c) 2024 deniz',
});
const out = join(root, 'public/demo/btcusdt-perp-1h.bin');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(
  `wrote ${out}: ${bytes.length} bytes, ${frame.report.rows} hours,`,
  `${frame.report.duplicatesDropped} duplicate rows dropped, ${frame.report.missingHoursZeroed} missing hours set to 0`,
);
