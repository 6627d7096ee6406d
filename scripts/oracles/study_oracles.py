#!/usr/bin/python3
"""Oracle fixtures for src/core/inference: run with Debian's /usr/bin/python3 (scipy 1.10, statsmodels 0.13.5).

Writes test/fixtures/study-inference.json. The fixtures are committed; CI does not regenerate them.
"""
import json
import os

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import special, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

rng = np.random.default_rng(20240605)
out = {"versions": {"scipy": scipy.__version__, "statsmodels": statsmodels.__version__}}

out["normal_cdf"] = [[x, stats.norm.cdf(x)] for x in [-38.0, -12.5, -8.0, -5.0, -3.0, -1.96, -1.0, -0.3, 0.0, 0.2, 1.0, 1.6448536, 3.3, 6.0]]
out["normal_quantile"] = [[p, stats.norm.ppf(p)] for p in [1e-300, 1e-12, 1e-6, 0.001, 0.025, 0.05, 0.3, 0.5, 0.7, 0.95, 0.975, 0.999, 1 - 1e-9]]
out["t_cdf"] = [[t, df, stats.t.cdf(t, df)] for t, df in [(-40.0, 3), (-5.0, 2), (-2.1, 10), (-0.5, 1), (0.0, 7), (0.7, 4.5), (1.96, 30), (2.5, 100), (3.0, 1000), (12.0, 5)]]
out["betainc"] = [[x, a, b, special.betainc(a, b, x)] for x, a, b in [(0.1, 0.5, 0.5), (0.5, 2, 3), (0.9, 10, 0.5), (0.01, 50, 0.5), (0.99, 0.5, 200), (0.3, 123.4, 56.7)]]
out["lgamma"] = [[x, special.gammaln(x)] for x in [0.1, 0.5, 1.0, 1.5, 3.7, 10.0, 123.4, 5000.5]]

ttests = []
for n, loc in [(5, 0.0), (12, 0.3), (40, -0.1), (200, 0.05), (1000, 0.0)]:
    x = rng.standard_t(4, size=n) + loc
    r = stats.ttest_1samp(x, 0.0)
    ttests.append({"x": x.tolist(), "t": float(r.statistic), "p": float(r.pvalue)})
ttests.append({"x": [1, 2, 3, 4, 5], "t": float(stats.ttest_1samp([1, 2, 3, 4, 5], 0).statistic), "p": float(stats.ttest_1samp([1, 2, 3, 4, 5], 0).pvalue)})
out["ttest_1samp"] = ttests

wil = []
for count, nobs, alpha in [(0, 10, 0.05), (3, 10, 0.05), (10, 10, 0.05), (57, 100, 0.05), (123, 1000, 0.1), (1, 2, 0.01), (400, 700, 0.05)]:
    lo, hi = proportion_confint(count, nobs, alpha=alpha, method="wilson")
    wil.append([count, nobs, alpha, float(lo), float(hi)])
out["wilson"] = wil

bh = []
for m in [1, 5, 20, 60]:
    p = rng.uniform(size=m) ** 2
    p[::7] = p[::7] * 1e-3
    bh.append({"p": p.tolist(), "q": multipletests(p, method="fdr_bh")[1].tolist()})
bh.append({"p": [0.01, 0.01, 0.04, 0.04, 0.5], "q": multipletests([0.01, 0.01, 0.04, 0.04, 0.5], method="fdr_bh")[1].tolist()})
out["bh"] = bh

binom = []
for k, n, p in [(7, 10, 0.5), (3, 20, 0.5), (60, 100, 0.5), (55, 100, 0.6), (0, 12, 0.3), (12, 12, 0.3), (400, 700, 0.55), (3, 40, 0.02), (1, 1, 0.5)]:
    binom.append([k, n, p, float(stats.binomtest(k, n, p).pvalue)])
out["binomtest"] = binom

hac = []
for n, lags in [(30, 0), (50, 2), (200, 5), (500, 23), (120, 95)]:
    e = rng.standard_normal(n + lags)
    y = np.convolve(e, np.ones(lags + 1) / (lags + 1), mode="valid")[:n] + 0.05
    res = sm.OLS(y, np.ones(n)).fit(cov_type="HAC", cov_kwds={"maxlags": lags})
    hac.append({"y": y.tolist(), "maxlags": lags, "t": float(res.tvalues[0]), "p": float(res.pvalues[0])})
out["hac"] = hac

path = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "study-inference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.normpath(path))
