import { describe, expect, it } from 'vitest';
import { contextCost } from '../../../src/core/context/cost';
import { CONTEXT_SERIES } from '../../../src/core/context/series';

describe('contextCost', () => {
  it('counts one call per contract and series, batched by 20, and the steady refresh rate', () => {
    const c = contextCost(40, CONTEXT_SERIES);
    expect(c.calls).toBe(40 * 7);
    expect(c.requests).toBe(2 * 7);
    // 5min OI every 5 min (12/h), three hourly series (OI, funding, predicted: 3/h), three daily ones (3/24 h) for 40 contracts.
    expect(c.steadyPerMin).toBeCloseTo((40 * (12 + 3 + 3 / 24)) / 60, 9);
  });

  it('costs nothing without contracts', () => {
    expect(contextCost(0, CONTEXT_SERIES)).toEqual({ calls: 0, requests: 0, steadyPerMin: 0 });
  });
});
