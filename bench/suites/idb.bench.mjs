// IndexedDB throughput: columnar chunks vs a naive one-row-per-bar store, and the year-long aggregated read.
export async function run({ runPage }) {
  const r = await runPage('idb.html', 600_000);
  return {
    'idb.write_values_per_s': {
      value: r.writeValuesPerS,
      unit: 'values/s',
      baseline: r.naiveValuesPerS,
      note: 'year of 1m × 10 contracts, chunked',
    },
    'idb.write_ratio_vs_naive': { value: r.ratio, unit: '×', note: 'target ≥ 20' },
    'idb.read_year_1m_agg_ms': {
      value: r.readMs,
      unit: 'ms',
      note: `All-contracts group series, ${r.check} buckets, median of 5 (${r.reads.map(Math.round).join(', ')}; first read ${Math.round(r.firstMs)}); target ≤ 150`,
    },
    'idb.read_year_1m_subset_ms': {
      value: r.subsetMs,
      unit: 'ms',
      note: '9 of 10 contracts: no matching group, contract chunks summed',
    },
  };
}
