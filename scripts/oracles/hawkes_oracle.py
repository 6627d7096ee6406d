#!/usr/bin/python3
"""Oracle fixture for the Hawkes-lite fit (src/core/spikes/hawkes.ts, statistics.md §1.3 step 10).

Run with Debian's python3 (numpy 1.24, scipy 1.10):  /usr/bin/python3 scripts/oracles/hawkes_oracle.py
Writes test/fixtures/compute-hawkes.json, which is committed; CI does not regenerate it.

Model: lambda_t = mu + a*E_t, E_t = phi*E_{t-1} + X_{t-1} (E_0 = 0, a NaN X adds 0), fitted on the pairs
(X_j, E_j) of the W bars before t by least squares with mu >= 0, a >= 0 (scipy lsq_linear on the raw window,
not on running sums, so it checks the TS algebra independently). p_bg = mu/(mu + a*E_t), n = a/(1 - phi).
"""
import json
import os

import numpy as np
import scipy
from scipy.optimize import lsq_linear, minimize

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'compute-hawkes.json')
rng = np.random.default_rng(20240704)

PHI = 2 ** (-1 / 4)  # 1 h half-life on 15m bars
MU, N_TRUE = 2.0, 0.6
A = N_TRUE * (1 - PHI)


def clean(v):
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else float(v)


def heat(x, phi):
    e = np.zeros(len(x))
    for t in range(1, len(x)):
        prev = 0.0 if np.isnan(x[t - 1]) else x[t - 1]
        e[t] = phi * e[t - 1] + prev
    return e


def simulate(n, mu, a, phi, gen):
    """Discrete Hawkes / INAR(inf)-like counts: X_t ~ Poisson(mu + a*E_t)."""
    x = np.zeros(n)
    e = 0.0
    for t in range(n):
        x[t] = gen.poisson(mu + a * e)
        e = phi * e + x[t]
    return x


def ls_fit(x, e):
    ok = ~np.isnan(x)
    A_ = np.column_stack([np.ones(ok.sum()), e[ok]])
    r = lsq_linear(A_, x[ok], bounds=([0, 0], [np.inf, np.inf]), method='bvls', tol=1e-14)
    return float(r.x[0]), float(r.x[1]), int(ok.sum())


def qmle_fit(x, e):
    """Poisson QMLE with the same constraints, only for the efficiency comparison in docs/method.md."""
    def nll(p):
        lam = np.maximum(p[0] + p[1] * e, 1e-12)
        return float(np.sum(lam - x * np.log(lam)))
    mu0, a0, _ = ls_fit(x, e)
    r = minimize(nll, [max(mu0, 0.1), max(a0, 1e-3)], method='L-BFGS-B', bounds=[(1e-9, None), (0, None)])
    return float(r.x[0]), float(r.x[1])


def rolling_case(name, x, phi, window, min_periods, every=1):
    e = heat(x, phi)
    checks = []
    for t in range(0, len(x), every):
        lo = max(0, t - window)
        xs, es = x[lo:t], e[lo:t]
        n_ok = int((~np.isnan(xs)).sum())
        if n_ok < min_periods:
            checks.append({'t': t, 'n': n_ok, 'mu': None, 'a': None, 'pBg': None})
            continue
        mu, a, n = ls_fit(xs, es)
        lam = mu + a * e[t]
        checks.append({'t': t, 'n': n, 'mu': mu, 'a': a, 'pBg': clean(mu / lam if lam > 0 else np.nan)})
    return {'name': name, 'phi': phi, 'window': window, 'minPeriods': min_periods,
            'x': [clean(v) for v in x], 'checks': checks}


def monte_carlo(n, reps):
    """Sampling spread of the LS (and QMLE) estimates on series like the fixture's, for the recovery tolerance."""
    ls, ql = [], []
    for k in range(reps):
        x = simulate(n, MU, A, PHI, np.random.default_rng(1000 + k))
        e = heat(x, PHI)
        mu, a, _ = ls_fit(x, e)
        ls.append((mu, a / (1 - PHI)))
        if k < 50:
            qm, qa = qmle_fit(x, e)
            ql.append((qm, qa / (1 - PHI)))
    ls, ql = np.array(ls), np.array(ql)
    return {'reps': reps, 'lsMean': ls.mean(0).tolist(), 'lsSd': ls.std(0, ddof=1).tolist(),
            'qmleMean': ql.mean(0).tolist(), 'qmleSd': ql.std(0, ddof=1).tolist()}


def marked(n, gen):
    """USD-like series: INAR counts times lognormal trade sizes. The fit sees only USD (the marked approximation)."""
    counts = simulate(n, MU, A, PHI, gen)
    usd = np.array([gen.lognormal(np.log(2e4), 1.5, int(c)).sum() for c in counts])
    lam = MU + A * heat(counts, PHI)
    return usd, MU / lam


def main():
    n_sim = 8000
    x = simulate(n_sim, MU, A, PHI, rng)
    e = heat(x, PHI)
    mu_all, a_all, _ = ls_fit(x, e)
    sim = rolling_case('sim', x, PHI, 500, 250, every=37)
    sim['truth'] = {'mu': MU, 'a': A, 'branching': N_TRUE}
    sim['fullFit'] = {'mu': mu_all, 'a': a_all, 'branching': a_all / (1 - PHI)}
    sim['monteCarlo'] = monte_carlo(n_sim, 200)

    # Anti-excited: X falls as E rises, so the unconstrained a < 0 and the fit must sit on a = 0.
    g = np.random.default_rng(7)
    xa = np.zeros(400)
    ea = 0.0
    for t in range(400):
        xa[t] = g.poisson(max(0.5, 20 - 0.8 * ea))
        ea = 0.5 * ea + xa[t]
    anti = rolling_case('anti', xa, 0.5, 60, 30)

    # Pure excitation with rare immigrants: the unconstrained mu < 0 in many windows, so the fit sits on mu = 0.
    xz = np.zeros(600)
    ez = 0.0
    for t in range(600):
        xz[t] = max(0.0, 0.35 * ez - 1.0 + g.normal(0, 0.3)) + (40.0 if t % 97 == 5 else 0.0)
        ez = 0.8 * ez + xz[t]
    zero_mu = rolling_case('zeroMu', np.round(xz, 6), 0.8, 120, 60)

    # USD magnitudes (sums of squares near 1e20) with uncovered bars, to catch drift in the running sums.
    usd, true_bg = marked(3000, np.random.default_rng(11))
    usd[[40, 41, 42, 900, 1500, 1501, 2999]] = np.nan
    mk = rolling_case('marked', usd, PHI, 300, 150, every=5)
    # How the marked approximation does: n-hat on USD vs the count-level truth, and p_bg vs the true mu/lambda.
    mc_n, mc_err = [], []
    for k in range(100):
        u, tb = marked(3000, np.random.default_rng(5000 + k))
        eu = heat(u, PHI)
        mu, a, _ = ls_fit(u, eu)
        mc_n.append(a / (1 - PHI))
        mc_err.append(float(np.mean(np.abs(mu / (mu + a * eu) - tb))))
    mk['usdApproximation'] = {'reps': 100, 'branchingMean': float(np.mean(mc_n)), 'branchingSd': float(np.std(mc_n, ddof=1)),
                              'meanAbsPBgError': float(np.mean(mc_err)), 'trueBranching': N_TRUE}

    out = {'versions': {'numpy': np.__version__, 'scipy': scipy.__version__},
           'cases': [sim, anti, zero_mu, mk]}
    with open(OUT, 'w') as f:
        json.dump(out, f)
    print('wrote test/fixtures/compute-hawkes.json')
    print('full fit', sim['fullFit'], 'monte carlo', sim['monteCarlo'])
    print('usd approximation', mk['usdApproximation'])
    for c in [anti, zero_mu, mk]:
        fits = [k for k in c['checks'] if k['mu'] is not None]
        print(c['name'], len(fits), 'fits;', sum(k['a'] == 0 for k in fits), 'a=0;', sum(k['mu'] == 0 for k in fits), 'mu=0')


if __name__ == '__main__':
    main()
