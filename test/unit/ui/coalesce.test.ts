import { describe, expect, it } from 'vitest';
import { type CoalesceEnv, Coalescer } from '../../../src/ui/data/coalesce';

/** A virtual clock with timers and a visibility switch. */
function virtualEnv() {
  let now = 0;
  let hidden = false;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const env: CoalesceEnv = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (h) => timers.delete(h as number),
    hidden: () => hidden,
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = end;
  };
  return { env, advance, setHidden: (h: boolean) => (hidden = h), pending: () => timers.size };
}

describe('Coalescer', () => {
  it('applies a burst once, 50 ms after its first notice', () => {
    const v = virtualEnv();
    const flushes: number[] = [];
    const c = new Coalescer(() => flushes.push(v.env.now()), v.env);
    c.notice();
    v.advance(20);
    c.notice();
    c.notice();
    v.advance(29);
    expect(flushes).toEqual([]);
    v.advance(1);
    expect(flushes).toEqual([50]);
    v.advance(5000);
    expect(flushes).toEqual([50]);
  });

  it('under a steady stream of notices applies them at most every 500 ms', () => {
    const v = virtualEnv();
    const flushes: number[] = [];
    const c = new Coalescer(() => flushes.push(v.env.now()), v.env);
    for (let t = 0; t < 3000; t += 10) {
      c.notice();
      v.advance(10);
    }
    v.advance(1000);
    expect(flushes[0]).toBe(50);
    for (let i = 1; i < flushes.length; i++)
      expect((flushes[i] ?? 0) - (flushes[i - 1] ?? 0)).toBeGreaterThanOrEqual(500);
    expect(flushes.length).toBe(7); // 50, 550, …, 3050: the last notices are not lost
    expect(flushes.at(-1)).toBe(3050);
  });

  it('while hidden applies nothing, and once visible catches up in one flush', () => {
    const v = virtualEnv();
    let flushes = 0;
    const c = new Coalescer(() => flushes++, v.env);
    v.setHidden(true);
    for (let i = 0; i < 100; i++) {
      c.notice();
      v.advance(3000);
    }
    expect(flushes).toBe(0);
    expect(v.pending()).toBe(0); // no timer keeps ticking in a hidden page
    v.setHidden(false);
    c.wake();
    v.advance(49);
    expect(flushes).toBe(0);
    v.advance(1);
    expect(flushes).toBe(1);
    v.advance(10_000);
    expect(flushes).toBe(1);
  });

  it('a page hidden after a notice keeps it for when it is shown; waking with nothing pending does nothing', () => {
    const v = virtualEnv();
    let flushes = 0;
    const c = new Coalescer(() => flushes++, v.env);
    c.notice();
    v.setHidden(true);
    v.advance(1000);
    expect(flushes).toBe(0);
    v.setHidden(false);
    c.wake();
    v.advance(100);
    expect(flushes).toBe(1);
    c.wake();
    v.advance(1000);
    expect(flushes).toBe(1);
  });
});
