/**
 * Chunks already read during one moment's work, shared by several frames read at that moment (the alert
 * analyzers of every timeframe read the same newest chunks after each write). A chunk is kept as the first read
 * found it; the next data-change notice starts a new memo, so nothing older than the moment is served.
 */
import type { BaseInterval } from '../core/intervals';
import type { CandleChunk, LiqChunk } from './schema';

type ChunkKey = [string, BaseInterval, number];
type Store = 'liqChunks' | 'liqGroups' | 'candleChunks';

/** Reads of one moment, by store and key. Chunks served from here must not be modified. */
export class ChunkMemo {
  private readonly reads = new Map<string, Promise<LiqChunk | CandleChunk | undefined>>();

  /** The chunk at `key` of `store`, from an earlier read of this moment or from `read`. */
  get<C extends LiqChunk | CandleChunk>(
    store: Store,
    key: ChunkKey,
    read: (key: ChunkKey) => Promise<C | undefined>,
  ): Promise<C | undefined> {
    const id = `${store}|${key.join('|')}`;
    const hit = this.reads.get(id) as Promise<C | undefined> | undefined;
    if (hit) return hit;
    const p = read(key);
    this.reads.set(id, p);
    return p;
  }
}
