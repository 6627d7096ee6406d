import { describe, expect, it } from 'vitest';
import { describeBranching, describeEvent } from '../../../src/ui/chart/spike-markers';
import { spike } from '../core/alerts/fixtures';

describe('spike readout and branching summary', () => {
  it('the hover readout lists z, p_emp, p_tail and p_bg', () => {
    const text = describeEvent(spike(3600, { eventClass: 'continuation', maxZ: 2.41, pBg: 0.156 }));
    expect(text).toMatch(/z 2\.4, p_emp 4\.0e-4, p_tail –, p_bg 0\.156$/);
    expect(describeEvent(spike(3600))).toMatch(/p_bg –$/);
  });

  it('n̂ per side with two decimals, a dash before the fit has enough bars', () => {
    expect(describeBranching({ long: 0.617, short: 0.48 })).toBe('branching n̂ 0.62 (long) / 0.48 (short)');
    expect(describeBranching({ long: Number.NaN, short: 1.2 })).toBe('branching n̂ – (long) / 1.20 (short)');
  });
});
