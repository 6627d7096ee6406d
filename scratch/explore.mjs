import { readFileSync } from 'node:fs';
import { runnerImport } from 'vite';
const root = '/work/wt/ux';
const { module: asset } = await runnerImport(`${root}/src/core/demo/asset.ts`);
const { module: fr } = await runnerImport(`${root}/src/core/demo/frame.ts`);
const { module: an } = await runnerImport(`${root}/src/core/analysis/analyzer.ts`);
const { module: st } = await runnerImport(`${root}/src/core/settings.ts`);
const b = readFileSync(`${root}/public/demo/btcusdt-perp-1h.bin`);
const a = asset.decodeDemoAsset(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
for (const [tf, s] of [['1h', 3600], ['4h', 14400], ['1D', 86400]]) {
  const f = fr.demoFrame(a, s);
  const t0 = performance.now();
  const r = an.analyze(f, tf, { spikes: st.DEFAULT_SETTINGS.spikes, levels: st.DEFAULT_SETTINGS.levels, oscillators: st.DEFAULT_SETTINGS.oscillators });
  console.log(tf, f.candles.close.length, 'bars', (performance.now() - t0).toFixed(1), 'ms', r.detection.events.length, 'events', r.levels.length, 'levels');
  if (tf === '1h') {
    for (const e of r.detection.events) console.log(' E', new Date(e.firstTime * 1000).toISOString(), e.side, e.eventClass, Math.round(e.usd / 1e6) + 'M');
    for (const l of r.levels) console.log(' L', l.kind, Math.round(l.price), new Date(l.createdTime * 1000).toISOString(), l.state, l.brokenTime && new Date(l.brokenTime * 1000).toISOString(), l.strength.toFixed(2));
  }
}
