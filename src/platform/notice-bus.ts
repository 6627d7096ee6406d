/**
 * The one typed notice bus between tabs and workers: `post` and `subscribe` over a BroadcastChannel. Runs in
 * pages and workers alike. A channel never hears its own posts, so every subscription opens its own channel:
 * a worker's subscribers hear what the same worker posts, as another tab would.
 */
import { isNotice, NOTICE_CHANNEL, type Notice } from '../core/notices';

/** Posting and listening to notices. */
export interface NoticeBus {
  /** Announces `notice` to every other subscriber (in this context and every other tab and worker). */
  post(notice: Notice): void;
  /** Calls `listener` for each well-formed notice until the returned function is called. */
  subscribe(listener: (notice: Notice) => void): () => void;
}

/** The bus over the shared BroadcastChannel `name`. */
export function broadcastBus(name: string = NOTICE_CHANNEL): NoticeBus {
  let out: BroadcastChannel | null = null;
  return {
    post(notice) {
      out ??= new BroadcastChannel(name);
      out.postMessage(notice);
    },
    subscribe(listener) {
      const channel = new BroadcastChannel(name);
      channel.onmessage = (ev: MessageEvent) => {
        const data: unknown = ev.data;
        if (isNotice(data)) listener(data);
      };
      return () => channel.close();
    },
  };
}

/** An in-memory bus (tests, or one context): delivers each post to every subscriber, asynchronously like a channel. */
export function memoryBus(): NoticeBus & { readonly posted: Notice[] } {
  const listeners = new Set<(n: Notice) => void>();
  const posted: Notice[] = [];
  return {
    posted,
    post(notice) {
      posted.push(notice);
      const copy = structuredClone(notice);
      queueMicrotask(() => {
        for (const l of [...listeners]) l(copy);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
