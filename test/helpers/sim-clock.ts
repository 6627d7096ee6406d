/**
 * A discrete-event virtual clock for tests of code that sleeps: every `sleep` registers a timer, and `runUntil`
 * lets all in-flight work settle (pending immediates, i.e. fake-indexeddb, and tracked fetches to local fakes),
 * then jumps to the earliest timer. Several actors (fetch loop, delivery, pipeline, watchdog, tabs) then share one
 * consistent time, and a wake-up (an aborted sleep) takes effect at the simulated moment it happens.
 */
import type { Clock } from '../../src/workers/clock';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Pending setImmediate callbacks other than ours (fake-indexeddb schedules its work with them). */
function immediatesPending(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;
}

const turn = () => new Promise<void>((r) => setImmediate(r));

/** Virtual time shared by everything under test. */
export class SimClock implements Clock {
  private timers: Timer[] = [];
  private seq = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(public t: number) {}

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        resolve();
      };
      // The listener goes when the timer fires, as with the real clock (long-lived signals see many sleeps).
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.timers.push(timer);
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Wraps a fetch so the clock waits for its whole answer (body included) before moving time. */
  track<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    const whole = async (...args: A): Promise<R> => {
      const r = await fn(...args);
      if (!(r instanceof Response)) return r;
      // Read the body here: reading it later would be I/O the clock cannot see.
      const body = await r.arrayBuffer();
      return new Response(r.status === 204 ? null : body, {
        status: r.status,
        statusText: r.statusText,
        headers: r.headers,
      }) as R;
    };
    return (...args: A) => {
      const p = whole(...args);
      const done = p.then(
        () => undefined,
        () => undefined,
      );
      this.inFlight.add(done);
      void done.then(() => this.inFlight.delete(done));
      return p;
    };
  }

  /** Waits (in real time) until nothing is running: no tracked fetch in flight and no pending immediates. */
  async settle(): Promise<void> {
    let quiet = 0;
    while (quiet < 2) {
      await turn();
      if (this.inFlight.size > 0) {
        quiet = 0;
        // Wake as soon as one answer is in (polling on a timer would cost a millisecond or more per request).
        await Promise.race(this.inFlight);
      } else quiet = immediatesPending() === 0 ? quiet + 1 : 0;
    }
  }

  /** Advances simulated time, timer by timer, until `done()` holds or `limitMs` of simulated time has passed. */
  async runUntil(done: () => boolean, limitMs: number): Promise<void> {
    const limit = this.t + limitMs;
    for (;;) {
      await this.settle();
      if (done()) return;
      const next = this.timers[0];
      if (!next || next.at > limit) {
        this.t = Math.max(this.t, limit);
        return;
      }
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }

  /** Advances simulated time by `ms`. */
  advance(ms: number): Promise<void> {
    return this.runUntil(() => false, ms);
  }
}
