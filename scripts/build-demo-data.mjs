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
const { module: demoFrame } = await runnerImport(join(root, 'src/core/demo/frame.ts'));
const { module: preview } = await runnerImport(join(root, 'src/core/demo/preview.ts'));
const { module: analyzer } = await runnerImport(join(root, 'src/core/analysis/analyzer.ts'));
const { module: settings } = await runnerImport(join(root, 'src/core/settings.ts'));

const liq = readFileSync(
  join(dataDir, 'coinalyze_binance_btcusdt_perp_liq_btc_1h_2024-06_2024-08.csv'),
  'utf8',
);
const ohlcv = readFileSync(
  join(dataDir, 'coinalyze_binance_btcusdt_perp_ohlcv_1h_2024-06_2024-08.csv'),
  'utf8',
);
const frame = convert.convertDemo(liq, ohlcv);
const meta = {
  symbol: 'BTCUSDT_PERP.A',
  exchange: 'A',
  margined: 'STABLE',
  attribution: 'Data: Coinalyze (recorded by denizyts/Coinalyze-Backtester)',
  licence: 'MIT, Copyright (c) 2024 deniz',
};
// The first screen: the 2024-08-05 crash, where the demo shows everything LiqLab draws (the cascade's events, the
// support it left at the low, the resistance of the rebound squeeze, and the 08-08 squeeze). The analysis is that
// of the decoded asset, exactly what the page and the compute worker see, with the default settings.
const plain = asset.decodeDemoAsset(asset.encodeDemoAsset(frame, meta).buffer);
const { spikes, levels, oscillators } = settings.DEFAULT_SETTINGS;
const analysis = analyzer.analyze(demoFrame.demoFrame(plain, 3600), '1h', { spikes, levels, oscillators });
const focus = { from: Date.UTC(2024, 7, 2) / 1000, to: Date.UTC(2024, 7, 10) / 1000 };
const bytes = asset.encodeDemoAsset(frame, meta, preview.previewOf(analysis, '1h', focus));
const out = join(root, 'public/demo/btcusdt-perp-1h.bin');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(
  `wrote ${out}: ${bytes.length} bytes, ${frame.report.rows} hours,`,
  `${frame.report.duplicatesDropped} duplicate rows dropped, ${frame.report.missingHoursZeroed} missing hours set to 0,`,
  `first screen: ${analysis.detection.events.length} events, ${analysis.levels.length} levels`,
);
