/** Builds every group series from the stored contract chunks (schema upgrade to v7, and repair). */
import type { BaseInterval } from '../core/intervals';
import { type GroupTx, groupsOf } from './liq-groups';
import { CHUNK_SLOTS, type LiqChunk } from './schema';

/** Sums all contract chunks into their groups, in contract order, and records each group's members. */
export async function buildGroups(tx: GroupTx): Promise<void> {
  const markets = new Map((await tx.objectStore('markets').getAll()).map((m) => [m.symbol, m]));
  const members = new Map<string, { group: string; interval: BaseInterval; members: Set<string> }>();
  const groups = tx.objectStore('liqGroups');
  let cursor = await tx.objectStore('liqChunks').openCursor();
  while (cursor) {
    const c: LiqChunk = cursor.value;
    for (const group of groupsOf(markets.get(c.symbol))) {
      const key = `${group}\n${c.interval}`;
      const m = members.get(key) ?? { group, interval: c.interval, members: new Set<string>() };
      m.members.add(c.symbol);
      members.set(key, m);
      const g = (await groups.get([group, c.interval, c.start])) ?? {
        symbol: group,
        interval: c.interval,
        start: c.start,
        long: new Float64Array(CHUNK_SLOTS),
        short: new Float64Array(CHUNK_SLOTS),
      };
      for (let i = 0; i < CHUNK_SLOTS; i++) {
        g.long[i] = (g.long[i] ?? 0) + (c.long[i] ?? 0);
        g.short[i] = (g.short[i] ?? 0) + (c.short[i] ?? 0);
      }
      await groups.put(g);
    }
    cursor = await cursor.continue();
  }
  // A contract with coverage but no non-zero chunk (all zeros so far) is a member too.
  for (const cov of await tx.objectStore('coverage').getAll()) {
    if (cov.kind !== 'liq') continue;
    for (const group of groupsOf(markets.get(cov.symbol))) {
      const key = `${group}\n${cov.interval}`;
      const m = members.get(key) ?? { group, interval: cov.interval, members: new Set<string>() };
      m.members.add(cov.symbol);
      members.set(key, m);
    }
  }
  const meta = tx.objectStore('liqGroupMembers');
  for (const m of members.values())
    await meta.put({ group: m.group, interval: m.interval, members: [...m.members].sort() });
}
