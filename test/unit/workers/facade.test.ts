import { MessageChannel } from 'node:worker_threads';
import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { AbortRegistry, throwIfAborted, yieldToEventLoop } from '../../../src/workers/cancel';
import { type Cancellable, WorkerFacade, type WorkerLike } from '../../../src/workers/facade';

interface CountingApi extends Cancellable {
  count(upTo: number, callId?: number): Promise<number>;
}

/** A worker stand-in on a MessageChannel: the comlink protocol and cancellation are real, only the thread is not. */
function fakeWorker(progress: { n: number; started: number }): () => WorkerLike {
  return () => {
    progress.started++;
    const { port1, port2 } = new MessageChannel();
    const aborts = new AbortRegistry();
    const api: CountingApi = {
      abortCall: (id) => aborts.abort(id),
      async count(upTo, callId) {
        const signal = aborts.signal(callId);
        for (let i = 0; i < upTo; i++) {
          progress.n++;
          await yieldToEventLoop();
          throwIfAborted(signal);
        }
        return progress.n;
      },
    };
    expose(api, port1 as unknown as Parameters<typeof expose>[1]);
    const w = port2 as unknown as WorkerLike & { close(): void };
    w.terminate = () => {
      port1.close();
      port2.close();
    };
    return w;
  };
}

describe('worker facade', () => {
  it('starts the worker lazily, on the first call', async () => {
    const progress = { n: 0, started: 0 };
    const facade = new WorkerFacade<CountingApi>(fakeWorker(progress), 'signal');
    expect(progress.started).toBe(0);
    expect(await facade.call(undefined, (api, id) => api.count(3, id))).toBe(3);
    expect(progress.started).toBe(1);
    facade.terminate();
  });

  it('cancellation stops the work inside the worker, not just the promise', async () => {
    const progress = { n: 0, started: 0 };
    const facade = new WorkerFacade<CountingApi>(fakeWorker(progress), 'signal');
    const abort = new AbortController();
    const running = facade.call(abort.signal, (api, id) => api.count(1_000_000, id));
    while (progress.n < 20) await new Promise((r) => setTimeout(r, 1));
    abort.abort();
    await expect(running).rejects.toThrow(/Aborted/);
    await new Promise((r) => setTimeout(r, 30));
    const after = progress.n;
    await new Promise((r) => setTimeout(r, 50));
    expect(progress.n).toBe(after);
    expect(progress.n).toBeLessThan(1_000_000);
    facade.terminate();
  });

  it('rejects at once when the signal was already aborted, without starting the worker', async () => {
    const progress = { n: 0, started: 0 };
    const facade = new WorkerFacade<CountingApi>(fakeWorker(progress), 'terminate');
    await expect(facade.call(AbortSignal.abort(), (api, id) => api.count(1, id))).rejects.toThrow(/Aborted/);
    expect(progress.started).toBe(0);
  });

  it('when one caller aborts a terminate-policy worker, other calls on it reject instead of hanging', async () => {
    const progress = { n: 0, started: 0 };
    const facade = new WorkerFacade<CountingApi>(fakeWorker(progress), 'terminate');
    const abort = new AbortController();
    const mine = facade.call(abort.signal, (api, id) => api.count(1_000_000, id));
    const other = facade.call(undefined, (api, id) => api.count(1_000_000, id));
    while (progress.n < 10) await new Promise((r) => setTimeout(r, 1));
    abort.abort();
    await expect(mine).rejects.toThrow(/Aborted/);
    await expect(other).rejects.toThrow(/Aborted/);
    expect(facade.started).toBe(false);
  });
});
