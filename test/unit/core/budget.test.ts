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

  it('after a 429 waits for Retry-After and then has a full budget', () => {
    const b = new TokenBucket(38, 61_000);
    b.take(3, 0);
    b.exhaustUntil(10_000);
    expect(b.waitFor(1, 0)).toBe(10_000);
    expect(b.available(10_000)).toBe(38);
  });
});
