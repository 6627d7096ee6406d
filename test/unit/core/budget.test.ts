import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/core/budget';

describe('TokenBucket', () => {
  it('never lets more than its capacity out in any sliding minute', () => {
    const b = new TokenBucket(38, 61_000);
    const sent: Array<[number, number]> = [];
    let t = 0;
    for (let i = 0; i < 200; i++) {
      const w = 1 + (i % 20);
      t += b.waitFor(w, t);
      expect(b.available(t)).toBeGreaterThanOrEqual(w);
      b.take(w, t);
      sent.push([t, w]);
    }
    for (const [at] of sent) {
      const inWindow = sent.filter(([x]) => x >= at && x < at + 60_000).reduce((a, [, w]) => a + w, 0);
      expect(inWindow).toBeLessThanOrEqual(40);
    }
  });

  it('reports what was used in the last minute for the status bar', () => {
    const b = new TokenBucket();
    b.take(20, 0);
    b.take(5, 30_000);
    expect(b.usedInLastMinute(59_000)).toBe(25);
    expect(b.usedInLastMinute(61_000)).toBe(5);
  });

  it('after a 429 waits for Retry-After, then spends only what its own record leaves', () => {
    const b = new TokenBucket(38, 61_000);
    b.take(30, 0);
    b.pauseUntil(10_000);
    expect(b.available(5_000)).toBe(0);
    expect(b.waitFor(1, 0)).toBe(10_000);
    expect(b.available(10_000)).toBe(8);
    expect(b.waitFor(20, 10_000)).toBe(51_000);
    // The pause is not a spend: the status bar keeps showing what was really sent.
    expect(b.usedInLastMinute(10_000)).toBe(30);
    expect(b.usedInLastMinute(61_000)).toBe(0);
  });

  it('restores from a ledger and gives back refunded calls', () => {
    const b = new TokenBucket(38, 61_000);
    b.restore(
      [
        { at: 2_000, weight: 20 },
        { at: 1_000, weight: 15 },
      ],
      0,
    );
    expect(b.available(3_000)).toBe(3);
    b.refund(2_000, 20);
    expect(b.available(3_000)).toBe(23);
    expect(b.available(62_000)).toBe(38);
  });
});
