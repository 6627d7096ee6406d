import { describe, expect, it } from 'vitest';
import { describeBranching, describeEvent } from '../../../src/ui/chart/spike-markers';
import { spike } from '../core/alerts/fixtures';

describe('spike readout and branching summary', () => {
  it('the hover readout lists z, p_emp, p_tail and p_bg', () => {
    const text = describeEvent(spike(3600, { eventClass: 'continuation', maxZ: 2.41, pBg: 0.156 }));
    expect(text).toMatch(/z 2\.4, p_emp 4\.0e-4, p_tail –, p_bg 0\.156$/);
    expect(describeEvent(spike(3600))).toMatch(/p_bg –$/);
  });

  it('the hover readout leads with the rarity and the span it was judged over', () => {
    // p = 1/960 per hourly bar: one bar in 40 days, judged over 61 days of history
    const e = spike(3600, { eventClass: 'extreme', minPTail: 1 / 960, longBars: 61 * 24 });
    expect(describeEvent(e)).toMatch(
      /^long extreme: \$12\.35M, 1 in ~40 days \(tail of the last 61 days\) · z 7\.3/,
    );
    // five days of history cannot say "one in a century": capped at ten times the span
    const early = spike(3600, { minPTail: 1e-9, longBars: 5 * 24 });
    expect(describeEvent(early)).toContain('rarer than 1 in ~50 days (tail of the last 5 days)');
    expect(describeEvent(spike(3600, { longBars: 30 * 24 }))).toContain(', not rare over 30 days · z');
  });

  it('n̂ per side with two decimals, a dash before the fit has enough bars', () => {
    expect(describeBranching({ long: 0.617, short: 0.48 })).toBe('branching n̂ 0.62 (long) / 0.48 (short)');
    expect(describeBranching({ long: Number.NaN, short: 1.2 })).toBe('branching n̂ – (long) / 1.20 (short)');
  });

  it('where bp of open interest is the score, the readout gives the event size in it beside the USD', () => {
    expect(describeEvent(spike(3600, { scoreBasis: 'bpOfOi', bpOfOi: 42.25 }))).toMatch(
      /^long extreme: \$12\.35M \(42\.3 bp of OI\), /,
    );
    // No open interest at one of its bars: said, not hidden.
    expect(describeEvent(spike(3600, { scoreBasis: 'bpOfOi', bpOfOi: Number.NaN }))).toContain('(– of OI)');
    expect(describeEvent(spike(3600, { bpOfOi: 42.25 }))).not.toContain('of OI');
  });
});
