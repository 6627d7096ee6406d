/**
 * Chunks already read, shared by several frames read at one moment (the alert analyzers of every timeframe read
 * the same newest chunks after each write) and kept for the next moment when nothing changed them: at `next`,
 * the caller names what may have changed since (from data-change notices and coverage), and chunks the last
 * moment did not read are let go, so the memo holds about one tail's worth of chunks.
 */
import type { BaseInterval } from '../core/intervals';
import type { CandleChunk, LiqChunk } from './schema';

/** The key of a chunk: contract, group or market, interval, start. */
export type ChunkKey = [string, BaseInterval, number];
/** The chunk stores a frame reads. */
export type ChunkStore = 'liqChunks' | 'liqGroups' | 'candleChunks';

interface Held {
  store: ChunkStore;
  key: ChunkKey;
  read: Promise<LiqChunk | CandleChunk | undefined>;
}

/** Reads of one moment, by store and key. Chunks served from here must not be modified. */
export class ChunkMemo {
  private readonly reads = new Map<string, Held>();
  private used = new Set<string>();

  /** The chunk at `key` of `store`, from an earlier read still valid or from `read`. */
  get<C extends LiqChunk | CandleChunk>(
    store: ChunkStore,
    key: ChunkKey,
    read: (key: ChunkKey) => Promise<C | undefined>,
  ): Promise<C | undefined> {
    const id = `${store}|${key.join('|')}`;
    this.used.add(id);
    const hit = this.reads.get(id);
    if (hit) return hit.read as Promise<C | undefined>;
    const p = read(key);
    this.reads.set(id, { store, key, read: p });
    // A failed read is not kept: the next moment reads again.
    p.catch(() => {
      if (this.reads.get(id)?.read === p) this.reads.delete(id);
    });
    return p;
  }

  /**
   * Starts a new moment: drops every chunk `stale` says may have changed since it was read, and every chunk the
   * moment that just ended did not read.
   */
  next(stale: (store: ChunkStore, key: ChunkKey) => boolean): void {
    for (const [id, h] of this.reads) if (!this.used.has(id) || stale(h.store, h.key)) this.reads.delete(id);
    this.used = new Set();
  }

  /** Chunks held now (for tests and diagnostics). */
  get size(): number {
    return this.reads.size;
  }

  /** Forgets everything (unknown changes). */
  clear(): void {
    this.reads.clear();
    this.used = new Set();
  }
}
