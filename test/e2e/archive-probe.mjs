// Reads the page's archive (IndexedDB `liqlab`) the way a test checks that one asset's data was left alone.

/**
 * `asset`'s stored liquidation buckets: how many are non-zero and their sum, over its contract chunks and over its
 * group series, and its groups' members. Counted inside `limits` (spans per `symbol|interval`, and per interval for
 * the groups); on the first call (`limits` null) the closed buckets stored so far and older than `cut` (unix s),
 * returned for a later call to count the same buckets again: live refreshes and backfill never touch them.
 */
export function assetPoints(page, asset, cut, limits = null) {
  return page.evaluate(
    ([base, cutSec, given]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('liqlab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = ['liqChunks', 'liqGroups', 'liqGroupMembers', 'markets', 'coverage'];
          const tx = db.transaction(stores);
          const get = (store) =>
            new Promise((ok) => {
              const r = tx.objectStore(store).getAll();
              r.onsuccess = () => ok(r.result);
            });
          const STEP = { '1min': 60, '5min': 300, '15min': 900, '1hour': 3600, daily: 86400 };
          const prefix = `${base}/`;
          Promise.all(stores.map(get)).then(([chunks, groups, members, markets, coverage]) => {
            const own = new Set(markets.filter((m) => m.baseAsset === base).map((m) => m.symbol));
            let lim = given;
            if (!lim) {
              lim = {};
              for (const c of coverage) {
                if (c.kind !== 'liq' || !own.has(c.symbol)) continue;
                // The stored spans up to the last closed bucket (the newest is still open), not past the cut.
                const to = Math.min(cutSec, (c.ranges.at(-1)?.[1] ?? 0) - STEP[c.interval]);
                lim[`${c.symbol}|${c.interval}`] = c.ranges.map(([a, b]) => [a, Math.min(b, to)]);
                const from = c.ranges[0]?.[0] ?? 0;
                const g = lim[c.interval]?.[0] ?? [from, to];
                lim[c.interval] = [[Math.max(g[0], from), Math.min(g[1], to)]];
              }
            }
            const count = (records, keyOf) => {
              let points = 0;
              let sum = 0;
              for (const c of records) {
                const step = STEP[c.interval];
                for (const [from, to] of lim[keyOf(c)] ?? [])
                  for (let i = 0; i < c.long.length; i++) {
                    const t = c.start + i * step;
                    if (t < from || t + step > to) continue;
                    if (c.long[i] !== 0 || c.short[i] !== 0) points++;
                    sum += c.long[i] + c.short[i];
                  }
              }
              return { points, sum };
            };
            resolve({
              limits: lim,
              contracts: count(
                chunks.filter((c) => own.has(c.symbol)),
                (c) => `${c.symbol}|${c.interval}`,
              ),
              groups: count(
                groups.filter((g) => g.symbol.startsWith(prefix)),
                (g) => g.interval,
              ),
              // Every member of the asset's groups is its own contract.
              strangers: members
                .filter((g) => g.group.startsWith(prefix))
                .flatMap((g) => g.members.filter((s) => !own.has(s))),
            });
            db.close();
          });
        };
      }),
    [asset, cut, limits],
  );
}
