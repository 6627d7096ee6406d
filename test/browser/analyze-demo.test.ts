import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { createComputeClient } from '../../src/workers/compute/client';
import { createFetchClient } from '../../src/workers/fetch/client';

describe('analysis on the demo data in a real worker', () => {
  it('returns the frame with its analysis for the chart timeframe', async () => {
    const fetcher = createFetchClient();
    const compute = createComputeClient();
    await fetcher.api.ensureDemo('/demo/btcusdt-perp-1h.bin');
    const t0 = performance.now();
    const r = await compute.api.analyze({
      source: 'demo',
      asset: 'BTC',
      timeframe: '1h',
      filter: { kind: 'all' },
      referenceSymbol: 'BTCUSDT_PERP.A',
      params: {
        spikes: DEFAULT_SETTINGS.spikes,
        levels: DEFAULT_SETTINGS.levels,
        oscillators: DEFAULT_SETTINGS.oscillators,
      },
    });
    const ms = performance.now() - t0;
    expect(r.frame.candles.close.length).toBe(1465);
    expect(r.analysis.detection.long.z.length).toBe(1465);
    expect(ms).toBeLessThan(5000);
    compute.terminate();
    fetcher.terminate();
  }, 20_000);
});
