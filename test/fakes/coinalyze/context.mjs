// Deterministic open interest (USD) and funding (rate and predicted, in %) per contract, as OHLC buckets. Values
// are smooth functions of time, so a bucket's open is the level at its start and its close the level at its end
// (or at `now` for the still-open bucket); about 1 % of intraday buckets are omitted (an exchange's feed gap), the
// way the real API leaves buckets out.
import { rand } from './data.mjs';

const DAY = 86400;

function fnv(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Level of `kind` for `symbol` at unix second t (`size` scales open interest: 1 for BTC's contracts). */
function level(kind, seed, t, size = 1) {
  if (kind === 'oi') {
    const base = 2e8 * size * (0.3 + 3 * rand(seed, 11) ** 2);
    const slow = 0.12 * Math.sin(t / (5 * DAY) + 6.283 * rand(seed, 12));
    const fast = 0.02 * Math.sin(t / 3000 + 6.283 * rand(seed, 13));
    return base * (1 + slow + fast);
  }
  const shift = kind === 'predicted' ? 4 * 3600 : 0;
  const u = t + shift;
  const bias = 0.004 * (rand(seed, 14) - 0.5);
  return 0.01 + bias + 0.015 * Math.sin(u / (2 * DAY) + 6.283 * rand(seed, 15)) + 0.003 * Math.sin(u / 1800);
}

/** Context model for a set of symbols listed at `listedSec`; `sizeOf(symbol)` scales open interest. */
export function makeContextModel(symbols, listedSec, sizeOf = () => 1) {
  const seeds = new Map(symbols.map((s) => [s, fnv(`ctx:${s}`)]));

  /** True when the bucket is left out of answers (feed gap, or before the contract was listed). */
  function omitted(kind, symbol, step, t) {
    const seed = seeds.get(symbol);
    if (seed === undefined || t + step <= listedSec) return true;
    if (step >= DAY) return false;
    return rand(seed ^ fnv(kind), Math.floor(t / step)) < 0.01;
  }

  /** The bucket [t, t + step) as seen at nowSec: {t, o, h, l, c}, or null when it is omitted. */
  function seen(kind, symbol, step, t, nowSec) {
    if (omitted(kind, symbol, step, t)) return null;
    const seed = seeds.get(symbol) ?? 0;
    const end = Math.min(t + step, nowSec);
    const size = sizeOf(symbol);
    const o = level(kind, seed, t, size);
    const c = level(kind, seed, end, size);
    const mid = level(kind, seed, (t + end) / 2, size);
    const pad = Math.abs(o) * 1e-3;
    return { t, o, h: Math.max(o, c, mid) + pad, l: Math.min(o, c, mid) - pad, c };
  }

  return { seen, omitted };
}
