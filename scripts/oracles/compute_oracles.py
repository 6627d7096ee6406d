#!/usr/bin/python3
"""Oracle fixtures for the compute worker's statistics (test/fixtures/compute-*.json).

Run with Debian's python3 (numpy 1.24, scipy 1.10, pandas 1.5):  /usr/bin/python3 scripts/oracles/compute_oracles.py
The JSON is committed; CI uses the committed files and does not regenerate them.
"""
import json
import os

import numpy as np
import pandas as pd
from scipy import stats

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(ROOT, 'test', 'fixtures')
rng = np.random.default_rng(20240805)


def clean(a):
    return [None if (isinstance(v, float) and np.isnan(v)) else float(v) for v in np.asarray(a, dtype=float)]


def rolling_fixture():
    # Heavy-tailed log1p(USD)-like data with ties (rounded) and NaNs that still occupy window slots.
    x = np.round(np.log1p(rng.pareto(1.5, 400) * 1e5), 2)
    x[[17, 18, 150, 151, 152]] = np.nan
    x[200:230] = 3.0  # a flat stretch: MAD = 0 inside it
    s = pd.Series(x)
    cases = []
    for w, mp in [(7, 7), (8, 8), (25, 10), (50, 25)]:
        r = s.rolling(w, min_periods=mp, closed='left')
        med = r.median()
        mad = r.apply(lambda v: stats.median_abs_deviation(v[~np.isnan(v)], scale=1.0), raw=True)
        q90 = r.quantile(0.9, interpolation='linear')
        q25 = r.quantile(0.25, interpolation='linear')
        # empirical p: (1 + #{past >= x}) / (n + 1) over the same closed='left' window
        pe = []
        for i in range(len(x)):
            past = x[max(0, i - w):i]
            past = past[~np.isnan(past)]
            if len(past) < mp or np.isnan(x[i]):
                pe.append(np.nan)
            else:
                pe.append((1 + np.sum(past >= x[i])) / (len(past) + 1))
        cases.append({'window': w, 'minPeriods': mp, 'median': clean(med), 'mad': clean(mad),
                      'q90': clean(q90), 'q25': clean(q25), 'pEmp': clean(pe)})
    return {'x': clean(x), 'cases': cases}


def ewm_fixture():
    x = rng.standard_t(3, 300).cumsum() * 0.1 + rng.normal(0, 1, 300)
    s = pd.Series(x)
    cases = []
    for alpha in [0.05, 0.2, 1 - np.exp(-np.log(2) / 12)]:
        e = s.ewm(alpha=alpha, adjust=False)
        cases.append({'alpha': float(alpha), 'mean': clean(e.mean()), 'var': clean(e.var(bias=True))})
    return {'x': clean(x), 'cases': cases}


def gpd_fixture():
    cases = []
    for xi, sigma, n in [(0.3, 2.0, 2000), (0.1, 1.0, 800), (-0.2, 1.5, 1000), (0.5, 0.7, 300)]:
        y = stats.genpareto.rvs(xi, scale=sigma, size=n, random_state=rng)
        c, loc, scale = stats.genpareto.fit(y, floc=0)
        ll_fit = float(np.sum(stats.genpareto.logpdf(y, c, 0, scale)))
        probe = [float(v) for v in np.quantile(y, [0.5, 0.9, 0.99]) * np.array([1.0, 1.0, 1.5])]
        sf = [float(v) for v in stats.genpareto.sf(probe, c, 0, scale)]
        cases.append({'trueXi': xi, 'trueSigma': sigma, 'x': clean(y), 'xi': float(c), 'sigma': float(scale),
                      'logLik': ll_fit, 'probe': probe, 'sf': sf})
    # tail p = (N_u / n) * sf(x - u) with a fixed fit, closed form
    tail = {'nU': 60, 'n': 3000, 'xi': 0.25, 'sigma': 0.8, 'excess': [0.1, 1.0, 3.0, 10.0]}
    tail['p'] = [float(tail['nU'] / tail['n'] * stats.genpareto.sf(e, tail['xi'], 0, tail['sigma']))
                 for e in tail['excess']]
    return {'cases': cases, 'tail': tail}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, fn in [('rolling', rolling_fixture), ('ewm', ewm_fixture), ('gpd', gpd_fixture)]:
        with open(os.path.join(OUT, f'compute-{name}.json'), 'w') as f:
            json.dump(fn(), f)
        print('wrote', f'test/fixtures/compute-{name}.json')


if __name__ == '__main__':
    main()
