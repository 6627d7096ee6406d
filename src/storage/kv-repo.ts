/**
 * Typed access to the key-value store. Every key has one value type and a guard: a stored value that does not
 * pass (an older build wrote something else, or it was corrupted) reads as the fallback instead of being cast.
 */
import type { IDBPDatabase } from 'idb';
import type { AlertHalt } from '../core/alerts/halt';
import { EXCHANGES_KEY, type Exchange } from '../core/coinalyze';
import type { DemoLoad } from '../core/demo/asset';
import type { LiqLabDB } from './schema';

/** Every kv key and the type of its value. `settings` is read through settings-repo, which merges defaults. */
export interface KvSchema {
  settings: unknown;
  /** When the market list was last fetched (ms). */
  'markets:fetchedAt': number;
  [EXCHANGES_KEY]: Exchange[];
  /** Series (`kind|symbol|interval`) whose history was fetched down to the API's retention. */
  'fetch:backfilled': string[];
  /** Fingerprint of an API key Coinalyze answered 401 to, and when: no tab retries it for a while unless it changes. */
  'fetch:rejectedKey': { fingerprint: string; at: number } | null;
  /** The demo asset stored in the demo database. */
  'demo:loaded': DemoLoad | null;
  /** Delivery stopped on a permanent Telegram error. */
  'alerts:halt': AlertHalt | null;
  /** Retry-After deadline of the last 429 (ms): no leader calls Coinalyze before it. */
  'budget:pausedUntil': number;
  /** When any sender last sent a Telegram message (ms), for the per-chat spacing. */
  'alerts:lastSendAt': number;
}

/** A key of the kv store. */
export type KvKey = keyof KvSchema;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

const GUARDS: { [K in KvKey]: (v: unknown) => v is KvSchema[K] } = {
  settings: (_v): _v is unknown => true,
  'markets:fetchedAt': isNumber,
  [EXCHANGES_KEY]: (v): v is Exchange[] =>
    Array.isArray(v) && v.every((e) => isObj(e) && typeof e.code === 'string' && typeof e.name === 'string'),
  'fetch:backfilled': isStrings,
  'fetch:rejectedKey': (v): v is { fingerprint: string; at: number } | null =>
    v === null || (isObj(v) && typeof v.fingerprint === 'string' && isNumber(v.at)),
  'demo:loaded': (v): v is DemoLoad | null =>
    v === null || (isObj(v) && isNumber(v.bars) && isNumber(v.firstTime) && isNumber(v.lastTime)),
  'alerts:halt': (v): v is AlertHalt | null =>
    v === null || (isObj(v) && typeof v.reason === 'string' && typeof v.fingerprint === 'string'),
  'alerts:lastSendAt': isNumber,
  'budget:pausedUntil': isNumber,
};

/** True when `value` is what `key` holds. */
export function isKvValue<K extends KvKey>(key: K, value: unknown): value is KvSchema[K] {
  return GUARDS[key](value);
}

/** Reads a value, or `fallback` when it was never written or does not have the key's type. */
export async function readKv<K extends KvKey>(
  db: IDBPDatabase<LiqLabDB>,
  key: K,
  fallback: KvSchema[K],
): Promise<KvSchema[K]> {
  const value: unknown = await db.get('kv', key);
  return value !== undefined && isKvValue(key, value) ? value : fallback;
}

/** Writes a value. */
export async function writeKv<K extends KvKey>(
  db: IDBPDatabase<LiqLabDB>,
  key: K,
  value: KvSchema[K],
): Promise<void> {
  await db.put('kv', value, key);
}

/** Exchange code → name from the cached `/exchanges` list (empty until the first market refresh). */
export async function exchangeNames(db: IDBPDatabase<LiqLabDB>): Promise<Map<string, string>> {
  const list = await readKv(db, EXCHANGES_KEY, []);
  return new Map(list.map((e) => [e.code, e.name]));
}
