/**
 * Writes that are stored whole or not at all. With promise-based IndexedDB an exception thrown between requests
 * does not abort the transaction by itself: the requests already made would commit. `allOrNothing` aborts it.
 */

/** The part of a transaction `allOrNothing` needs. */
export interface Abortable {
  abort(): void;
  done: Promise<void>;
}

/** Runs `work` in `tx` and waits for the commit; if anything throws, aborts `tx` (nothing is stored) and rethrows. */
export async function allOrNothing<T>(tx: Abortable, work: () => Promise<T>): Promise<T> {
  try {
    const out = await work();
    await tx.done;
    return out;
  } catch (e) {
    tx.done.catch(() => {});
    try {
      tx.abort();
    } catch {
      // Already finished (it failed at commit): nothing was stored.
    }
    throw e;
  }
}

/** A request whose outcome the transaction reports (a failed one aborts it): its own rejection adds nothing. */
export function quiet(request: Promise<unknown>): void {
  request.catch(() => {});
}
