#!/usr/bin/python3
"""Peer timing for compute.robust_z_ratio_vs_pandas: trailing robust z (closed='left') with pandas.

Reads float64 little-endian values from argv[1], window from argv[2]; prints JSON {ms, checksum}.
Median via pandas' skiplist rolling median; MAD via rolling.apply(raw=True) (pandas has no native rolling MAD).
"""
import json
import sys
import time

import numpy as np
import pandas as pd

y = np.fromfile(sys.argv[1], dtype='<f8')
w = int(sys.argv[2])
mp = w // 2
s = pd.Series(y)
t0 = time.perf_counter()
r = s.rolling(w, min_periods=mp, closed='left')
med = r.median()
mad = r.apply(lambda v: np.median(np.abs(v - np.median(v))), raw=True)
sigma = np.maximum(1.482602218505602 * mad, 0.1)
z = (s - med) / sigma
ms = (time.perf_counter() - t0) * 1000
# For context: pandas' native skiplist median alone (no MAD), the cheapest part of the job.
t1 = time.perf_counter()
s.rolling(w, min_periods=mp, closed='left').median()
median_ms = (time.perf_counter() - t1) * 1000
print(json.dumps({'ms': ms, 'medianOnlyMs': median_ms, 'checksum': float(np.nansum(z.values))}))
