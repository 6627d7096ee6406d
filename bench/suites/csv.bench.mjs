// CSV import/export throughput for 1,000,000 rows in real Chromium, against papaparse on the same string.
export async function run({ runPage }) {
  const r = await runPage('csv.html', 300_000);
  console.log(
    `  import ${Math.round(r.importMs)} ms (ours) vs ${Math.round(r.papaMs)} ms (papaparse) on ${r.fileMb.toFixed(1)} MB; export ${r.exportMbPerS.toFixed(0)} MB/s (file), ${r.exportKeepMbPerS.toFixed(0)} MB/s (download)`,
  );
  return {
    'csv.import_rows_per_s': {
      value: r.importRowsPerS,
      unit: 'rows/s',
      note: 'median of 3, parse + validate, 1M archive rows',
    },
    'csv.import_ratio_vs_papaparse': {
      value: r.ratio,
      unit: 'x',
      baseline: 1,
      note: `ours ${Math.round(r.importMs)} ms vs papaparse parse ${Math.round(r.papaMs)} ms (median of 3)`,
    },
    'csv.export_mb_per_s': {
      value: r.exportMbPerS,
      unit: 'MB/s',
      baseline: 100,
      note: `archive export from IndexedDB to UTF-8 bytes, into a file (each 1 MiB piece written, its buffer refilled): ${r.exportMb.toFixed(1)} MB in ${Math.round(r.exportMs)} ms (median of 3)`,
    },
    'csv.export_download_mb_per_s': {
      value: r.exportKeepMbPerS,
      unit: 'MB/s',
      note: `the same into the download fallback, which keeps every piece until the end (fresh memory per piece): ${Math.round(r.exportKeepMs)} ms (median of 3)`,
    },
  };
}
