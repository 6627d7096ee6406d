#!/usr/bin/python3
"""Oracle for the long baseline's GPD tail on the real datasets (test/fixtures/long-tail-real.json).

Run with Debian's python3 (numpy 1.24, scipy 1.10):  /usr/bin/python3 scripts/oracles/long_tail_oracle.py
The JSON is committed; CI uses the committed file and does not regenerate it.

For each real dataset in ../shared/data/real and each side, this rebuilds the long window's exceedances from the
raw files with the definition in docs/method.md (independently of the TypeScript code):
  - the series is the side's USD per bar (hourly: BTC x the same hour's close, UTC+6 labels shifted, duplicate
    rows dropped, missing hours 0; multi-exchange daily: the _long/_short columns summed; Binance daily: BTC x the
    Binance spot daily close);
  - u is re-estimated when the count of bars pushed is a multiple of the bars per day: at the last such count t,
    u = numpy's linear (type 7) quantile of the last W values before t at level min(0.98, 1 - 20 / n);
  - at the end (n bars pushed) the exceedances x > u among the last W values are declustered by runs (at most r
    values at or below u inside a cluster; r = 1 at 1h and 1D), a cluster still open at the end is left out, and
    the peaks' excesses over u are fitted with scipy.stats.genpareto.fit(excesses, floc=0). When scipy's shape is
    negative, the constrained fit genpareto.fit(excesses, f0=0, floc=0) (the exponential) is recorded as well,
    since the app's fit keeps the shape at 0 or above.
Synthetic cases with a known negative shape exercise the constrained branch.
"""
import csv
import json
import os
from datetime import datetime, timedelta, timezone

import numpy as np
from scipy import stats

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'long-tail-real.json')
REAL = next(p for p in [os.path.join(ROOT, '..', 'shared', 'data', 'real'),
                        os.path.join(ROOT, '..', '..', 'shared', 'data', 'real')] if os.path.isdir(p))

LEVEL = 0.98
MIN_EXCESS = 20
LONG_DAYS = 90
LONG_MIN_BARS = 365
MIN_PERIODS_FRACTION = 0.5


def day_start(label):
    d = datetime.strptime(label[:10], '%Y-%m-%d').replace(tzinfo=timezone.utc)
    return int(d.timestamp())


def hourly():
    def rows(name):
        out = []
        with open(os.path.join(REAL, name)) as f:
            for line in f:
                parts = line.strip().split(',')
                if not parts[0]:
                    continue
                t = datetime.strptime(parts[0], '%Y-%m-%d %H:%M:%S').replace(tzinfo=timezone.utc) - timedelta(hours=6)
                out.append((int(t.timestamp()), [float(v) for v in parts[1:]]))
        return out
    candles = rows('coinalyze_binance_btcusdt_perp_ohlcv_1h_2024-06_2024-08.csv')
    liqs = rows('coinalyze_binance_btcusdt_perp_liq_btc_1h_2024-06_2024-08.csv')
    start, end = candles[0][0], candles[-1][0]
    n = (end - start) // 3600 + 1
    close = [float('nan')] * n
    for t, c in candles:
        close[(t - start) // 3600] = c[3]
    long_, short = [0.0] * n, [0.0] * n
    seen = [False] * n
    for t, c in liqs:
        i = (t - start) // 3600
        if seen[i]:
            continue
        seen[i] = True
        long_[i] = c[0] * close[i]
        short[i] = c[1] * close[i]
    return 3600, {'long': long_, 'short': short}


def multi_daily():
    with open(os.path.join(REAL, 'coinalyze_btc_perps_multiexchange_liq_usd_daily_2022-01_2024-09.csv')) as f:
        r = list(csv.reader(f))
    header, body = r[0], r[1:]
    rows = []
    for cells in body:
        l = s = 0.0
        for k, h in enumerate(header):
            if not (h.endswith('_long') or h.endswith('_short')):
                continue
            v = float(cells[k]) if k < len(cells) and cells[k] else 0.0
            if h.endswith('_long'):
                l += v
            else:
                s += v
        rows.append((day_start(cells[0]), l, s))
    return dense_daily(rows)


def spot_close():
    out = {}
    with open(os.path.join(REAL, 'binance_btcusdt_spot_ohlcv_1d_2018-01_2025-11.csv')) as f:
        r = csv.reader(f)
        head = [h.strip().lower() for h in next(r)]
        ti, ci = head.index('open time'), head.index('close')
        for cells in r:
            out[day_start(cells[ti])] = float(cells[ci])
    return out


def binance_daily():
    close = spot_close()
    rows = []
    with open(os.path.join(REAL, 'coinalyze_binance_btcusdt_perp_liq_btc_daily_2020-04_2025-04.csv')) as f:
        r = csv.reader(f)
        next(r)
        for cells in r:
            t = day_start(cells[0])
            rows.append((t, float(cells[1]) * close[t], float(cells[2]) * close[t]))
    return dense_daily(rows)


def dense_daily(rows):
    rows.sort(key=lambda x: x[0])
    start = rows[0][0]
    n = (rows[-1][0] - start) // 86400 + 1
    long_, short = [float('nan')] * n, [float('nan')] * n
    for t, l, s in rows:
        i = (t - start) // 86400
        long_[i], short[i] = l, s
    return 86400, {'long': long_, 'short': short}


def local_window(step, n):
    # resolveWindow with the defaults: 7 days of bars, at least 150, at most a third of the history
    return max(150, min(round(7 * 86400 / step), n // 3))


def long_tail(xs, step):
    n = len(xs)
    W = max(1, round(LONG_DAYS * 86400 / step), LONG_MIN_BARS)
    per_day = max(1, round(86400 / step))
    r = max(1, round(900 / step))
    min_periods = int(np.ceil(local_window(step, n) * MIN_PERIODS_FRACTION))
    x = np.asarray(xs, dtype=float)
    t_rec = n - n % per_day
    before = x[max(0, t_rec - W):t_rec]
    before = before[~np.isnan(before)]
    assert len(before) >= min_periods
    level = max(0.0, min(LEVEL, 1 - MIN_EXCESS / len(before)))
    u = float(np.quantile(before, level))
    w = x[max(0, n - W):n]
    peaks, last = [], None
    for i, v in enumerate(w):
        if not v > u:
            continue
        if peaks and i - last - 1 <= r:
            peaks[-1] = max(peaks[-1], v)
        else:
            peaks.append(v)
        last = i
    if peaks and len(w) - last - 1 <= r:
        peaks.pop()  # still open: the next bar could join it
    exc = np.array(peaks) - u
    c, _, scale = stats.genpareto.fit(exc, floc=0)
    case = {'u': u, 'level': level, 'bars': int(np.sum(~np.isnan(w))), 'excesses': [float(v) for v in exc],
            'xi': float(c), 'sigma': float(scale)}
    if c < 0:
        _, _, s0 = stats.genpareto.fit(exc, f0=0, floc=0)
        case['constrained'] = {'xi': 0.0, 'sigma': float(s0)}
    return case


def main():
    out = {'datasets': {}}
    for name, load in [('binance-1h', hourly), ('multi-1d', multi_daily), ('binance-1d', binance_daily)]:
        step, series = load()
        out['datasets'][name] = {side: long_tail(series[side], step) for side in ('long', 'short')}
        for side in ('long', 'short'):
            c = out['datasets'][name][side]
            print(name, side, 'u', round(c['u']), 'peaks', len(c['excesses']), 'xi', round(c['xi'], 4),
                  'sigma', round(c['sigma']))
    rng = np.random.default_rng(20240805)
    synthetic = []
    for xi, sigma, n in [(-0.2, 1.5e6, 400), (-0.05, 3e7, 60), (0.4, 2e6, 40)]:
        y = stats.genpareto.rvs(xi, scale=sigma, size=n, random_state=rng)
        c, _, scale = stats.genpareto.fit(y, floc=0)
        case = {'trueXi': xi, 'excesses': [float(v) for v in y], 'xi': float(c), 'sigma': float(scale)}
        if c < 0:
            _, _, s0 = stats.genpareto.fit(y, f0=0, floc=0)
            case['constrained'] = {'xi': 0.0, 'sigma': float(s0)}
        synthetic.append(case)
    out['synthetic'] = synthetic
    with open(OUT, 'w') as f:
        json.dump(out, f)
    print('wrote', os.path.relpath(OUT, ROOT))


if __name__ == '__main__':
    main()
