import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectionOf, detectSpikes } from '../../../../src/core/spikes/detect';
import { SpikeEngine } from '../../../../src/core/spikes/engine';
import { prefix, randomFrame, SHORT_STREAM_SPIKES } from '../../../helpers/random-frame';

const P = SHORT_STREAM_SPIKES;

function same(a: Float64Array | Uint8Array, b: Float64Array | Uint8Array, upTo = a.length) {
  for (let i = 0; i < upTo; i++) expect(Object.is(a[i], b[i]), `bar ${i}: ${a[i]} vs ${b[i]}`).toBe(true);
}

describe('SpikeEngine', () => {
  it('incremental updates (bar by bar, with the open bar revised) equal a full recompute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 60, max: 400 }), (seed, n) => {
        const frame = randomFrame(n, seed);
        const full = detectSpikes(frame, '1h', P);
        const eng = new SpikeEngine('1h', P, 48, 3600);
        for (let k = 1; k <= n; k++) {
          const pre = prefix(frame, k);
          // the live bar first arrives half-filled, then final
          pre.liq.long[k - 1] = (pre.liq.long[k - 1] ?? 0) / 2;
          eng.update(pre);
          eng.update(prefix(frame, k));
        }
        const inc = detectionOf(eng);
        for (const s of ['long', 'short', 'total'] as const) {
          same(inc[s].z, full[s].z);
          same(inc[s].pEmp, full[s].pEmp);
          same(inc[s].pTail, full[s].pTail);
          same(inc[s].pBg, full[s].pBg);
          same(inc[s].jump, full[s].jump);
          same(inc[s].ordinaryHour, full[s].ordinaryHour);
          same(inc[s].spike, full[s].spike);
        }
        // the long baseline took part: its tail p exists on some bars
        expect(full.long.pTail.some((p) => p > 0) || n < 150).toBe(true);
        same(inc.heatZ, full.heatZ);
        expect(inc.branching).toEqual(full.branching);
        expect(inc.events).toEqual(full.events);
      }),
      { numRuns: 8 },
    );
    // O(n²) prefix copies on a shared 2-core machine: allow more than the 5 s default
  }, 60_000);

  it('no look-ahead: appending future bars never changes past scores', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 50, max: 300 }), (seed, k) => {
        const frame = randomFrame(k + 150, seed);
        const a = detectSpikes(prefix(frame, k), '1h', P);
        const b = detectSpikes(frame, '1h', P);
        for (const s of ['long', 'short', 'total'] as const) {
          same(a[s].z, b[s].z, k);
          same(a[s].pTail, b[s].pTail, k);
          same(a[s].pBg, b[s].pBg, k);
          same(a[s].spike, b[s].spike, k);
        }
        same(a.heatZ, b.heatZ, k);
      }),
      { numRuns: 10 },
    );
    // O(n²) prefix copies on a shared 2-core machine: allow more than the 5 s default
  }, 60_000);

  it('labels events and ids them by timeframe, side and first time', () => {
    const d = detectSpikes(randomFrame(2000, 7), '1h', P);
    expect(d.events.length).toBeGreaterThan(0);
    for (const e of d.events) {
      expect(e.id).toBe(`1h:${e.side}:${e.firstTime}`);
      expect(['seasonal', 'continuation', 'onset', 'extreme']).toContain(e.eventClass);
    }
    expect(d.expectedFalseAlarmsPerDay).toBeCloseTo((2 / 49) * 24, 10);
  });
});
