// Compute bench: bench/pages/compute.html in Chromium (re-bin, full pass, incremental bar), then our rolling robust
// z in Node against pandas (the peer, /usr/bin/python3 timing its own work) on the same 525,600 bars.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';

/** Window for the robust-z comparison: one day of 1m bars (pandas' apply-based MAD is too slow at 7 days). */
const W = 1440;

const runs = (xs) => xs.map((x) => x.toFixed(0)).join(', ');

export async function run({ runPage, root }) {
  const page = await runPage('compute.html', 300_000);
  console.log(
    `  ${page.bars1m} 1m bars → ${page.bars15m} 15m bars; ${page.events} events, ${page.levels} levels`,
  );
  console.log(
    `  rebin ${page.rebin15mMs.toFixed(1)} ms, full ${page.fullPassMs.toFixed(1)} ms (bp of OI ${page.fullPassBpOiMs.toFixed(1)} ms, ${page.bpEvents} events), incremental ${page.incrementalBarMs.toFixed(3)} ms (p95 ${page.incrementalBarP95Ms.toFixed(3)})`,
  );

  const vite = await createServer({
    root,
    server: { middlewareMode: true },
    appType: 'custom',
    logLevel: 'error',
  });
  let ours;
  let ys;
  try {
    const data = await vite.ssrLoadModule('/bench/lib/compute-data.ts');
    const rr = await vite.ssrLoadModule('/src/core/stats/rolling-robust.ts');
    const f = data.benchFrame();
    ys = new Float64Array(f.liq.long.length);
    for (let i = 0; i < ys.length; i++) ys[i] = Math.log1p(f.liq.long[i] + f.liq.short[i]);
    const times = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      rr.rollingRobustZ(ys, W, W / 2, 0.1);
      times.push(performance.now() - t0);
    }
    ours = data.median(times);
  } finally {
    await vite.close();
  }
  const file = join(tmpdir(), `liqlab-robust-z-${process.pid}.f64`);
  writeFileSync(file, Buffer.from(ys.buffer));
  const py = spawnSync('/usr/bin/python3', [join(root, 'bench/lib/robust_z_pandas.py'), file, String(W)], {
    encoding: 'utf8',
  });
  if (py.status !== 0) throw new Error(`pandas peer failed: ${py.stderr}`);
  const peer = JSON.parse(py.stdout.trim().split('\n').pop());
  console.log(
    `  robust z (W=${W}) on ${ys.length} bars: ours ${ours.toFixed(0)} ms (Node), pandas ${peer.ms.toFixed(0)} ms`,
  );
  return {
    'compute.rebin_15m_ms': {
      value: page.rebin15mMs,
      unit: 'ms',
      note: '525,600 1m bars → 15m, median of 7, Chromium',
    },
    'compute.full_pass_ms': {
      value: page.fullPassMs,
      unit: 'ms',
      baseline: 200,
      note: `spikes (7-day local + 90-day long baseline) + levels + oscillators on the 35,040 15m bars, median of 5 fresh passes in one page (the first is the coldest JIT); runs: ${runs(page.fullPassRuns)}`,
    },
    'compute.full_pass_bp_oi_ms': {
      value: page.fullPassBpOiMs,
      unit: 'ms',
      baseline: 200,
      note: `the same full pass scoring liquidations in bp of open interest (synthetic OI with gaps), same page after the USD passes, median of 5; runs: ${runs(page.fullPassBpOiRuns)}`,
    },
    'compute.incremental_bar_ms': {
      value: page.incrementalBarMs,
      unit: 'ms',
      baseline: 1,
      note: 'median of 400 live updates (revise + append)',
    },
    'compute.robust_z_ratio_vs_pandas': {
      value: ours / peer.ms,
      unit: 'ratio',
      baseline: 1,
      note: `ours ${ours.toFixed(0)} ms (Node) / pandas ${peer.ms.toFixed(0)} ms (rolling median + apply MAD; median alone ${peer.medianOnlyMs.toFixed(0)} ms), W=${W}, 525,600 bars`,
    },
  };
}
