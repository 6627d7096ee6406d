/** Worker-side registry that turns "abort call N" messages into AbortSignals for long-running work. */
export class AbortRegistry {
  private readonly controllers = new Map<number, AbortController>();

  /** The signal for call `id`, created on first use. */
  signal(id: number | undefined): AbortSignal {
    if (id === undefined) return new AbortController().signal;
    let c = this.controllers.get(id);
    if (!c) {
      c = new AbortController();
      this.controllers.set(id, c);
    }
    return c.signal;
  }

  /** Aborts call `id`; work polling its signal stops at its next check. */
  abort(id: number): void {
    this.signal(id);
    this.controllers.get(id)?.abort(new DOMException('Aborted', 'AbortError'));
  }

  /** Forgets call `id` once it has finished. */
  release(id: number | undefined): void {
    if (id !== undefined) this.controllers.delete(id);
  }
}

/** Yields to the worker's event loop so abort messages (and other calls) get through during long loops. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Throws the signal's AbortError if it has been aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
}
