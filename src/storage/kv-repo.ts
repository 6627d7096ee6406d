/** Typed access to the key-value store that holds settings, layout and app state. */
import type { IDBPDatabase } from 'idb';
import { EXCHANGES_KEY, type Exchange } from '../core/coinalyze';
import type { LiqLabDB } from './schema';

/** Reads a value, or `fallback` when it was never written. */
export async function readKv<T>(db: IDBPDatabase<LiqLabDB>, key: string, fallback: T): Promise<T> {
  const value = await db.get('kv', key);
  return value === undefined ? fallback : (value as T);
}

/** Writes a value. */
export async function writeKv<T>(db: IDBPDatabase<LiqLabDB>, key: string, value: T): Promise<void> {
  await db.put('kv', value, key);
}

/** Exchange code → name from the cached `/exchanges` list (empty until the first market refresh). */
export async function exchangeNames(db: IDBPDatabase<LiqLabDB>): Promise<Map<string, string>> {
  const list = await readKv<Exchange[]>(db, EXCHANGES_KEY, []);
  return new Map(list.map((e) => [e.code, e.name]));
}
