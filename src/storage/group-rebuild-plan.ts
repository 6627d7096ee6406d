/**
 * What rebuilding group chunks after a deletion does the same way for liquidation and open interest groups: a
 * contract whose coverage at an interval is gone leaves that interval's member lists, and every group chunk that
 * summed a changed contract chunk is listed to be summed again (`liq-groups-rebuild.ts`, `oi-groups-rebuild.ts`).
 */
import type { BaseInterval } from '../core/intervals';
import type { Market } from '../core/market';
import { groupsOf } from './liq-groups';
import type { GroupMembers } from './schema';

/** One contract chunk that a deletion changed. */
export interface ChangedChunk {
  symbol: string;
  interval: BaseInterval;
  start: number;
}

/** A contract series a deletion left without coverage. */
export interface EmptiedSeries {
  symbol: string;
  interval: BaseInterval;
}

/** One group chunk to sum again from its members. */
export interface GroupChunkKey {
  group: string;
  interval: BaseInterval;
  start: number;
}

/** The member-list store of a write transaction (`liqGroupMembers` or `oiGroupMembers`). */
interface MemberStore {
  get(key: [string, BaseInterval]): Promise<GroupMembers | undefined>;
  put(value: GroupMembers): Promise<unknown>;
  delete(key: [string, BaseInterval]): Promise<void>;
}

/** The `markets` store of a transaction. */
interface MarketStore {
  get(symbol: string): Promise<Market | undefined>;
}

/** Removes each emptied contract from its groups' member lists at its interval; a list left empty is deleted. */
export async function dropEmptiedMembers(
  markets: MarketStore,
  meta: MemberStore,
  emptied: readonly EmptiedSeries[],
): Promise<void> {
  for (const { symbol, interval } of emptied)
    for (const group of groupsOf(await markets.get(symbol))) {
      const m = await meta.get([group, interval]);
      if (!m?.members.includes(symbol)) continue;
      const members = m.members.filter((s) => s !== symbol);
      if (members.length === 0) await meta.delete([group, interval]);
      else await meta.put({ ...m, members });
    }
}

/** The group chunks that summed any of the `changed` contract chunks, each once, in the order first met. */
export async function groupChunksOf(
  markets: MarketStore,
  changed: readonly ChangedChunk[],
): Promise<GroupChunkKey[]> {
  const todo = new Map<string, GroupChunkKey>();
  for (const c of changed)
    for (const group of groupsOf(await markets.get(c.symbol)))
      todo.set(`${group}\n${c.interval}\n${c.start}`, { group, interval: c.interval, start: c.start });
  return [...todo.values()];
}
