import { describe, expect, it } from 'vitest';
import { createComputeClient } from '../../src/workers/compute/client';
import { createFetchClient } from '../../src/workers/fetch/client';

function listen(channel: string): { ticks: () => number; close: () => void } {
  const bc = new BroadcastChannel(channel);
  let n = 0;
  bc.onmessage = () => n++;
  return { ticks: () => n, close: () => bc.close() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('workers in real Chromium', () => {
  it('aborting a long compute call terminates the worker: its work stops', async () => {
    const compute = createComputeClient();
    const channel = `spin-${Math.random()}`;
    const probe = listen(channel);
    const abort = new AbortController();
    const running = compute.call(abort.signal, (api, id) => api.spin(10_000, channel, id));
    while (probe.ticks() < 5) await sleep(10);
    abort.abort();
    await expect(running).rejects.toThrow(/Aborted/);
    await sleep(50);
    const after = probe.ticks();
    await sleep(200);
    expect(probe.ticks()).toBe(after);
    expect(compute.started).toBe(false);
    // The next call starts a fresh worker.
    expect(await compute.call(undefined, (api, id) => api.spin(30, channel, id))).toBeGreaterThan(0);
    compute.terminate();
    probe.close();
  });

  it('loads the demo asset into IndexedDB once and bins it per timeframe, arrays transferred', async () => {
    const fetcher = createFetchClient();
    const compute = createComputeClient();
    const first = await fetcher.api.ensureDemo('/demo/btcusdt-perp-1h.bin');
    expect(first.bars).toBe(1465);
    expect((await fetcher.api.ensureDemo('/demo/btcusdt-perp-1h.bin')).loaded).toBe(false);
    const request = {
      source: 'demo' as const,
      asset: 'BTC',
      filter: { kind: 'all' as const },
      referenceSymbol: 'BTCUSDT_PERP.A',
    };
    const hourly = await compute.api.loadFrame({ ...request, timeframe: '1h' });
    expect(hourly.frame.candles.close.length).toBe(1465);
    const fourHour = await compute.api.loadFrame({ ...request, timeframe: '4h' });
    // 4h bars are shown only where all four hours are known: the demo starts at 21:00, so the 20:00 bar is a gap.
    const f4 = fourHour.frame;
    const covered4 = (t: number) => f4.liq.covered[Math.floor((t - f4.start) / f4.step)] === 1;
    let expected = 0;
    hourly.frame.liq.long.forEach((v, i) => {
      if (covered4(hourly.frame.start + i * 3600)) expected += v;
    });
    const shown = f4.liq.long.reduce((x, v, j) => (f4.liq.covered[j] ? x + v : x), 0);
    expect(f4.liq.covered[0]).toBe(0);
    expect(shown).toBeCloseTo(expected, 0);
    expect(expected).toBeGreaterThan(5e8);
    const minute = await compute.api.loadFrame({ ...request, timeframe: '1m' });
    expect(minute.frame.candles.close.length).toBe(0);
    expect(minute.notice).toMatch(/finer than the stored 1hour/);
    compute.terminate();
    fetcher.terminate();
  });
});
