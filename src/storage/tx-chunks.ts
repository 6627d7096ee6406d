/**
 * Chunks of one store that a write transaction reads and changes several times (a group chunk every contract of
 * an answer adds into): each is read once, changed in memory, and stored once at `flush`, instead of a 64 KB
 * clone per read and per put for every contract.
 */

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
