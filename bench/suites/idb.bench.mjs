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
      note: `All-contracts group series, ${r.check} buckets, with a year of 5min OI stored beside; median of 5 (${r.reads.map(Math.round).join(', ')}; first read ${Math.round(r.firstMs)}); target ≤ 150`,
    },
    'idb.read_year_oi_agg_ms': {
      value: r.oiReadMs,
      unit: 'ms',
      note: `year of 5min OI, 10 contracts, OI group series; median of 5 (${r.oiReads.map(Math.round).join(', ')}); OI written in ${r.oiWriteS.toFixed(1)} s`,
    },
    'idb.read_year_liq_and_oi_ms': {
      value: r.bothMs,
      unit: 'ms',
      note: `1m liquidations and 5min OI of a year read together; median of 5 (${r.bothReads.map(Math.round).join(', ')})`,
    },
    'idb.read_year_1m_subset_ms': {
      value: r.subsetMs,
      unit: 'ms',
      note: '9 of 10 contracts: no matching group, contract chunks summed',
    },
  };
}
