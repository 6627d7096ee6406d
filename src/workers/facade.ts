/**
 * A typed, lazily started comlink facade over one worker, runtime-neutral so it is checked with both page and
 * worker types. Cancellation policy per worker:
 * - 'terminate': abort kills the worker (real cancellation of CPU work; stateless compute), the next call restarts it;
 * - 'signal': abort asks the worker to stop the call (stateful fetch worker: keep its scheduler alive).
 */
import { type Remote, wrap } from 'comlink';

/** What every worker API exposes so the facade can cancel cooperatively. */
export interface Cancellable {
  /** Aborts the call that was given `callId`. */
  abortCall(callId: number): void;
}

/** Minimal Worker surface the facade needs (the page's Worker satisfies it). */
export interface WorkerLike {
  terminate(): void;
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** An AbortError, as fetch and friends throw it. */
export function abortError(): DOMException {
  return new DOMException('Aborted', 'AbortError');
}

/** Lazily started worker with typed calls and AbortSignal support. */
export class WorkerFacade<Api extends Cancellable> {
  private worker: WorkerLike | null = null;
  private remote: Remote<Api> | null = null;
  private nextCallId = 1;
  /** Rejecters of calls still running, so terminating the worker never leaves a promise pending. */
  private readonly inFlight = new Set<() => void>();

  constructor(
    private readonly create: () => WorkerLike,
    private readonly onAbort: 'terminate' | 'signal',
  ) {}

  /** True once the worker has been started (and not terminated since). */
  get started(): boolean {
    return this.worker !== null;
  }

  /** The remote API, starting the worker on first use. */
  get api(): Remote<Api> {
    if (!this.remote) {
      this.worker = this.create();
      this.remote = wrap<Api>(this.worker as unknown as Parameters<typeof wrap>[0]);
    }
    return this.remote;
  }

  /**
   * Runs `fn` against the worker; if `signal` aborts first, the call rejects with AbortError and is stopped.
   * If the worker is terminated meanwhile (another caller's abort), this call rejects too instead of hanging.
   */
  async call<R>(
    signal: AbortSignal | undefined,
    fn: (api: Remote<Api>, callId: number) => Promise<R>,
  ): Promise<R> {
    if (signal?.aborted) throw abortError();
    const callId = this.nextCallId++;
    const api = this.api;
    let settle: () => void = () => {};
    const stopped = new Promise<never>((_, reject) => {
      const onStop = () => reject(abortError());
      this.inFlight.add(onStop);
      settle = () => this.inFlight.delete(onStop);
    });
    let onAbort: () => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        reject(abortError());
        if (this.onAbort === 'terminate') this.terminate();
        else void api.abortCall(callId);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([fn(api, callId), aborted, stopped]);
    } finally {
      settle();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops the worker; the next call starts a fresh one. */
  terminate(): void {
    const pending = [...this.inFlight];
    this.inFlight.clear();
    for (const reject of pending) reject();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }
}
