import { describe, expect, it } from 'vitest';
import { detectSpikes } from '../../../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS } from '../../../../src/core/spikes/params';
import { bundledDemoFrame } from '../../../helpers/demo-frame';

const utc = (s: string) => Date.parse(`${s}:00Z`) / 1000;

describe('default spike settings on the bundled demo data', () => {
  const events = detectSpikes(bundledDemoFrame(), '1h', DEFAULT_SPIKE_PARAMS).events;

  it('flag the known stress hours a user would look for', () => {
    const at = (side: string, t: string) => events.some((e) => e.side === side && e.firstTime === utc(t));
    expect(at('long', '2024-07-04T23:00')).toBe(true); // Mt. Gox sell-off, 742.9 BTC of longs
    expect(at('short', '2024-08-05T00:00')).toBe(true); // 2024-08-05 crash
    expect(at('short', '2024-08-05T14:00')).toBe(true); // the rebound squeeze that day
  });

  it('stay rare: about what the p threshold promises (0.24 per side per day), not a marker on every bar', () => {
    const days = (bundledDemoFrame().candles.close.length * 3600) / 86400;
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.length / days).toBeLessThan(2 * 0.24 * 2);
  });
});
