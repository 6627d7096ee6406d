#!/usr/bin/python3
"""Oracle fixture for liquidations in basis points of open interest (test/fixtures/liq-bp-of-oi.json).

Run with Debian's python3 (numpy, pandas):  /usr/bin/python3 scripts/oracles/liq_bp_oracle.py
The JSON is committed; CI uses the committed file and does not regenerate it.

Four contracts with 5-minute liquidations (long, short; about a fifth of the buckets empty, which the API omits:
zero) and 5-minute open interest (open, close in USD), over 60 hours. Gaps as they happen:
- liquidations: no contract covers hours 40-41 (a fetch gap): those bars are gaps, whatever the open interest;
- open interest begins 6 hours after the liquidations (OI history starts later), contract 2 is listed a day late,
  about 3 % of buckets are omitted at random, and at hour 30's first bucket no contract has a value.
Then, the pandas way, for 15-minute and hourly bars:
- liquidations per bar: the sum over contracts and the bar's buckets, NaN where the bar is not fully covered;
- open interest at the bar's open (the OI pane's): the sum over contracts of the open of the bar's first bucket,
  counting a contract where its close is known (the API sends o and c together), sum(min_count=1): NaN where none;
- the open the bp score divides by: the same, but NaN where fewer contracts report in that bucket than in any
  bucket of the day before (a contract missing from the sum would make bp too large);
- bp = liquidations / that open * 10,000 for longs, shorts and both, NaN where either is NaN.
"""
import json
import os

import numpy as np
import pandas as pd

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'liq-bp-of-oi.json')
rng = np.random.default_rng(2415)

N, K, STEP, START = 720, 4, 300, 1767225600  # 2026-01-01, 60 hours of 5-minute buckets
PER_HOUR = 3600 // STEP


def clean(a):
    return [None if np.isnan(v) else float(v) for v in np.asarray(a, dtype=float)]


long_ = np.round(np.exp(rng.normal(10, 1.5, (N, K))), 2)
short = np.round(np.exp(rng.normal(10, 1.5, (N, K))), 2)
long_[rng.random((N, K)) < 0.2] = 0.0
short[rng.random((N, K)) < 0.2] = 0.0
long_[560, 1] = 4.2e7  # one flush, so the bp values span orders of magnitude
covered = np.ones(N, dtype=bool)
gap = (np.arange(N) >= 40 * PER_HOUR) & (np.arange(N) < 42 * PER_HOUR)
covered[gap] = False
long_[gap] = 0.0
short[gap] = 0.0

base = rng.uniform(1e9, 8e9, K)
oi_open = base * np.exp(np.cumsum(rng.normal(0, 0.002, (N, K)), axis=0))
oi_close = oi_open * np.exp(rng.normal(0, 0.001, (N, K)))
missing = rng.random((N, K)) < 0.03
missing[: 6 * PER_HOUR, :] = True
missing[: 24 * PER_HOUR, 2] = True
missing[30 * PER_HOUR, :] = True
oi_open[missing] = np.nan
oi_close[missing] = np.nan

o = pd.DataFrame(oi_open)
c = pd.DataFrame(oi_close)
oi_sum_open = o.where(c.notna()).sum(axis=1, min_count=1)
count = c.notna().sum(axis=1)
day_max = count.shift(1).rolling(24 * PER_HOUR, min_periods=1).max().fillna(0)
oi_score_open = oi_sum_open.where((count > 0) & (count >= day_max))
liq = pd.DataFrame({'long': long_.sum(axis=1), 'short': short.sum(axis=1), 'covered': covered})


def bars(per_bar):
    g = np.arange(N) // per_bar
    pane = oi_sum_open.groupby(g).apply(lambda s: s.iloc[0])
    first = oi_score_open.groupby(g).apply(lambda s: s.iloc[0])
    sums = liq.groupby(g).agg({'long': 'sum', 'short': 'sum', 'covered': 'all'})
    lo = sums['long'].where(sums['covered'])
    sh = sums['short'].where(sums['covered'])
    out = {
        'step': per_bar * STEP,
        'oiOpen': clean(pane),
        'oiScoreOpen': clean(first),
        'bpLong': clean(lo / first * 1e4),
        'bpShort': clean(sh / first * 1e4),
        'bpTotal': clean((lo + sh) / first * 1e4),
    }
    return out


fixture = {
    'start': START,
    'step': STEP,
    'contracts': K,
    'gapFrom': int(START + 40 * 3600),
    'gapTo': int(START + 42 * 3600),
    'long': [clean(long_[:, k]) for k in range(K)],
    'short': [clean(short[:, k]) for k in range(K)],
    'oiOpen': [clean(oi_open[:, k]) for k in range(K)],
    'oiClose': [clean(oi_close[:, k]) for k in range(K)],
    'bars': [bars(3), bars(PER_HOUR)],
}
with open(OUT, 'w') as fh:
    json.dump(fixture, fh)
print(f'wrote {OUT}')
