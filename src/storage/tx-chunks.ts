/**
 * Chunks of one store that a write transaction reads and changes several times (a group chunk every contract of
 * an answer adds into): each is read once, changed in memory, and stored once at `flush`, instead of a 64 KB
 * clone per read and per put for every contract.
 */
import type { BaseInterval } from '../core/intervals';
import type { Market } from '../core/market';
import { quiet } from './atomic';
import type { GroupMembers } from './schema';

/** Chunks held for one transaction, by key; `flush` before the transaction ends. */
export class TxChunks<K extends readonly (string | number)[], C> {
  private readonly held = new Map<string, Promise<C | undefined>>();
  private readonly dirty = new Map<string, C>();

  constructor(
    private readonly read: (key: K) => Promise<C | undefined>,
    private readonly write: (chunk: C) => unknown,
  ) {}

  /** The chunk at `key` as this transaction last left it (undefined when none is stored). */
  get(key: K): Promise<C | undefined> {
    const id = key.join('|');
    let p = this.held.get(id);
    if (!p) {
      p = this.read(key);
      this.held.set(id, p);
    }
    return p;
  }

  /** Records `chunk` as the new value at `key`, to be stored at `flush`. */
  set(key: K, chunk: C): void {
    const id = key.join('|');
    this.held.set(id, Promise.resolve(chunk));
    this.dirty.set(id, chunk);
  }

  /** Stores every changed chunk once. */
  flush(): void {
    for (const chunk of this.dirty.values()) this.write(chunk);
    this.dirty.clear();
  }
}

/** What one write transaction holds of a kind of group series: its chunks, member lists and the markets read. */
export class HeldGroups<C> {
  private readonly markets = new Map<string, Promise<Market | undefined>>();

  constructor(
    /** Group chunks, keyed [group, interval, start]. */
    readonly chunks: TxChunks<[string, BaseInterval, number], C>,
    /** Member lists, keyed [group, interval]. */
    readonly members: TxChunks<[string, BaseInterval], GroupMembers>,
    private readonly readMarket: (symbol: string) => Promise<Market | undefined>,
  ) {}

  /** The stored market of `symbol` (read once per transaction: writes never change markets). */
  market(symbol: string): Promise<Market | undefined> {
    let p = this.markets.get(symbol);
    if (!p) {
      p = this.readMarket(symbol);
      this.markets.set(symbol, p);
    }
    return p;
  }

  /** Stores every changed chunk and member list once. */
  flush(): void {
    this.chunks.flush();
    this.members.flush();
  }
}

/** The part of an object store of a write transaction that `heldGroups` reads and writes. */
interface ChunkStore<K, C> {
  get(key: K): Promise<C | undefined>;
  put(value: C): Promise<unknown>;
}

/**
 * Group chunks, member lists and markets of three stores of one write transaction, held for its rest. A failed put
 * aborts the transaction, which its `done` reports: the request's own rejection adds nothing.
 */
export function heldGroups<C>(
  chunks: ChunkStore<[string, BaseInterval, number], C>,
  members: ChunkStore<[string, BaseInterval], GroupMembers>,
  markets: { get(symbol: string): Promise<Market | undefined> },
): HeldGroups<C> {
  return new HeldGroups(
    new TxChunks(
      (key) => chunks.get(key),
      (chunk) => quiet(chunks.put(chunk)),
    ),
    new TxChunks(
      (key) => members.get(key),
      (meta) => quiet(members.put(meta)),
    ),
    (symbol) => markets.get(symbol),
  );
}
