#!/usr/bin/python3
"""Oracle fixture for open interest and funding aggregation (test/fixtures/context-aggregate.json).

Run with Debian's python3 (numpy, pandas):  /usr/bin/python3 scripts/oracles/context_oracle.py
The JSON is committed; CI uses the committed file and does not regenerate it.

Per-contract 5-minute OI (USD) and funding (%) with gaps (NaN, including a contract listed late and a stretch
where one contract's feed is down), then, computed the pandas way:
- OI summed over contracts: sum(axis=1, min_count=1) and the number of contracts with a value;
- funding weighted by OI over the contracts that have both (and OI > 0);
- change per bar of the summed OI, NaN where the number of contracts differs from the bar before;
- OI on hourly bars: open of the hour's first bucket, close of its last bucket, count of its last bucket.
"""
import json
import os

import numpy as np
import pandas as pd

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'context-aggregate.json')
rng = np.random.default_rng(15)

N, K, STEP, START = 600, 5, 300, 1767225600  # 2026-01-01, 50 hours of 5-minute buckets


def clean(a):
    return [None if np.isnan(v) else float(v) for v in np.asarray(a, dtype=float)]


base = rng.uniform(2e8, 6e9, K)
walk = np.cumsum(rng.normal(0, 0.002, (N, K)), axis=0)
oi_open = base * np.exp(walk)
oi_close = oi_open * np.exp(rng.normal(0, 0.001, (N, K)))
funding = 0.01 + rng.normal(0, 0.01, (N, K))
# Gaps: scattered omitted buckets, a contract listed late, an outage of another.
mask = rng.random((N, K)) < 0.03
mask[:150, 3] = True
mask[300:340, 1] = True
oi_open[mask] = np.nan
oi_close[mask] = np.nan
fmask = rng.random((N, K)) < 0.03
funding[fmask] = np.nan
funding[0:5, :] = np.nan  # no contract has funding: NaN, not 0

o = pd.DataFrame(oi_open)
c = pd.DataFrame(oi_close)
f = pd.DataFrame(funding)
total_close = c.sum(axis=1, min_count=1)
count = c.notna().sum(axis=1)
total_open = o.where(c.notna()).sum(axis=1, min_count=1)
both = f.notna() & c.notna() & (c > 0)
weighted = (f * c).where(both).sum(axis=1, min_count=1) / c.where(both).sum(axis=1, min_count=1)
change = total_close.diff().where(count == count.shift())

hour = np.arange(N) // 12
hourly_open = total_open.groupby(hour).apply(lambda s: s.iloc[0])
hourly_close = total_close.groupby(hour).apply(lambda s: s.iloc[-1])
hourly_count = count.groupby(hour).apply(lambda s: s.iloc[-1])

fixture = {
    'start': START,
    'step': STEP,
    'contracts': K,
    'oiOpen': [clean(oi_open[:, k]) for k in range(K)],
    'oiClose': [clean(oi_close[:, k]) for k in range(K)],
    'funding': [clean(funding[:, k]) for k in range(K)],
    'sumOpen': clean(total_open),
    'sumClose': clean(total_close),
    'count': [int(v) for v in count],
    'weightedFunding': clean(weighted),
    'change': clean(change),
    'hourly': {'open': clean(hourly_open), 'close': clean(hourly_close), 'count': [int(v) for v in hourly_count]},
}
with open(OUT, 'w') as fh:
    json.dump(fixture, fh)
print(f'wrote {OUT}')
