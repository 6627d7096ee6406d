/**
 * The long baseline's GPD tail on the real datasets against scipy (scripts/oracles/long_tail_oracle.py, committed
 * fixture): the same threshold and declustered exceedances rebuilt from the raw files in Python, and the fit
 * within 1e-3 of `scipy.stats.genpareto.fit(excesses, floc=0)` (or its ξ = 0 fit when scipy's shape is negative).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TIMEFRAME_SECONDS } from '../../../../src/core/intervals';
import { LongBaseline } from '../../../../src/core/spikes/long-baseline';
import { DEFAULT_SPIKE_PARAMS, resolveWindow } from '../../../../src/core/spikes/params';
import { fitGpdTail } from '../../../../src/core/stats/gpd';
import { type RealDataset, realDatasets } from '../../../helpers/real-data';

interface Case {
  u: number;
  excesses: number[];
  xi: number;
  sigma: number;
  constrained?: { xi: number; sigma: number };
}
const fx = JSON.parse(
  readFileSync(new URL('../../../fixtures/long-tail-real.json', import.meta.url), 'utf8'),
) as { datasets: Record<string, Record<'long' | 'short', Case>>; synthetic: (Case & { trueXi: number })[] };

/** What the app's fit must equal: scipy's MLE, or the ξ = 0 MLE when scipy's shape is negative. */
function expected(c: Case): { xi: number; sigma: number } {
  return c.xi >= 0 ? c : (c.constrained ?? { xi: Number.NaN, sigma: Number.NaN });
}

function expectFit(xs: number[], c: Case): void {
  const fit = fitGpdTail(xs);
  const want = expected(c);
  expect(Math.abs(fit.xi - want.xi)).toBeLessThan(1e-3);
  expect(Math.abs(fit.sigma / want.sigma - 1)).toBeLessThan(1e-3);
}

let loaded: RealDataset[] | null = null;
/** Loaded inside each test, so a missing file fails the tests that need it rather than skipping them. */
function dataset(id: string): RealDataset {
  loaded ??= realDatasets();
  const ds = loaded.find((d) => d.id === id);
  if (!ds) throw new Error(`no real dataset ${id}`);
  return ds;
}

describe('long-window GPD tail on the real data vs scipy.stats.genpareto', () => {
  it('covers every real dataset there is', () => {
    loaded ??= realDatasets();
    expect(loaded.map((d) => d.id).sort()).toEqual(Object.keys(fx.datasets).sort());
  });
  for (const id of Object.keys(fx.datasets)) {
    for (const side of ['long', 'short'] as const) {
      it(`${id} ${side}: same threshold and exceedances as the Python rebuild, fit within 1e-3`, () => {
        const ds = dataset(id);
        const c = fx.datasets[id]?.[side];
        if (!c) throw new Error(`fixture has no ${id} ${side}`);
        const step = TIMEFRAME_SECONDS[ds.timeframe];
        const n = ds.frame.liq.long.length;
        const window = resolveWindow(DEFAULT_SPIKE_PARAMS, step, n);
        // exactly as the engine builds it: min periods ½W, every bar committed, uncovered bars as NaN
        const lb = new LongBaseline(DEFAULT_SPIKE_PARAMS, step, Math.ceil(window * 0.5));
        for (let i = 0; i < n; i++)
          lb.commit(ds.frame.liq.covered[i] ? (ds.frame.liq[side][i] ?? 0) : Number.NaN);
        const tail = lb.tail();
        expect(Math.abs(tail.threshold / c.u - 1)).toBeLessThan(1e-12);
        expect(tail.excesses.length).toBe(c.excesses.length);
        tail.excesses.forEach((e, k) => {
          expect(Math.abs(e - (c.excesses[k] ?? Number.NaN))).toBeLessThan(1e-9 * c.u);
        });
        expectFit(tail.excesses, c);
        const model = tail.fit;
        if (!model) throw new Error('no fit');
        expect(model).toEqual(fitGpdTail(tail.excesses));
      });
    }
  }
  for (const c of fx.synthetic) {
    it(`synthetic ξ ${c.trueXi}, ${c.excesses.length} excesses: fit within 1e-3 (ξ ≥ 0 constraint when scipy's is negative)`, () => {
      expectFit(c.excesses, c);
    });
  }
  it('the fixture exercises both branches: a negative scipy shape and a positive one', () => {
    const all = [...Object.values(fx.datasets).flatMap((d) => [d.long, d.short]), ...fx.synthetic];
    expect(all.some((c) => c.xi < 0 && c.constrained)).toBe(true);
    expect(all.some((c) => c.xi > 0.1)).toBe(true);
  });
});
