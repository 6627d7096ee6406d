// Deterministic synthetic Coinalyze data: markets and per-minute liquidations with quiet periods, recurring
// hour-of-day clusters and rare cascades that hit every contract at once. Coarser buckets are sums of minutes,
// so every interval agrees with every other (the truth tests compare against).

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

/** Interval name → seconds (the API's valid values, in its order). */
export const INTERVALS = {
  '1min': 60,
  '5min': 300,
  '15min': 900,
  '30min': 1800,
  '1hour': 3600,
  '2hour': 7200,
  '4hour': 14400,
  '6hour': 21600,
  '12hour': 43200,
  daily: 86400,
};

function fnv(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Uniform [0, 1) from a seed and an integer, stable across runs. */
export function rand(seed, n) {
  let h = (seed ^ Math.imul(n | 0, 0x9e3779b1) ^ Math.imul(Math.floor(n / 4294967296), 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

const CLUSTER_HOURS = new Set([0, 8, 13, 14, 20]);
const SHARED = fnv('market-wide');

/** How each base asset's prices and liquidation and open-interest sizes compare with BTC's (BTC is 1). */
export const ASSET_SCALE = { BTC: 1, ETH: 0.05, SOL: 0.0025 };
/** Liquidations and open interest of other assets are smaller than BTC's, not just cheaper per coin. */
export const SIZE_SCALE = { BTC: 1, ETH: 0.4, SOL: 0.15 };

/** Deterministic price (USD) of `base` (BTC unless given) at unix second t. */
export function priceAt(t, base = 'BTC') {
  const days = t / DAY;
  const btc = 60000 + 6000 * Math.sin(days / 9) + 900 * Math.sin(t / 5400) + 150 * Math.sin(t / 420);
  return btc * (ASSET_SCALE[base] ?? 0.01);
}

/**
 * The 40 default BTC contracts plus a few that the default filter must drop, and ETH and SOL contracts on several
 * exchanges (both margins, perpetual and dated) for the other assets.
 */
export function makeMarkets(startSec) {
  const exchanges = ['A', '6', '3', '0', '2', 'H', 'Y', '8', 'F', 'K'];
  const rows = [];
  const row = (symbol, exchange, quote, margined, perpetual, expireSec, base = 'BTC') => ({
    symbol,
    exchange,
    symbol_on_exchange: symbol.split('.')[0],
    base_asset: base,
    quote_asset: quote,
    expire_at: perpetual ? null : expireSec * 1000,
    has_buy_sell_data: true,
    is_perpetual: perpetual,
    margined,
    oi_lq_vol_denominated_in: margined === 'COIN' ? 'QUOTE_ASSET' : 'BASE_ASSET',
    has_long_short_ratio_data: true,
    has_ohlcv_data: true,
  });
  for (const x of exchanges) {
    rows.push(row(`BTCUSDT_PERP.${x}`, x, 'USDT', 'STABLE', true));
    rows.push(row(`BTCUSD_PERP.${x}`, x, 'USD', 'COIN', true));
    rows.push(row(`BTCUSDC_PERP.${x}`, x, 'USDC', 'STABLE', true));
    rows.push(row(`BTC-Q1.${x}`, x, 'USD', 'COIN', false, startSec + 90 * DAY));
  }
  rows.push(row('BTC-OLD.A', 'A', 'USD', 'COIN', false, startSec - 30 * DAY));
  rows.push(row('BTCEUR_PERP.0', '0', 'EUR', 'STABLE', true));
  for (const x of ['A', '6', '3', '0']) {
    rows.push(row(`ETHUSDT_PERP.${x}`, x, 'USDT', 'STABLE', true, null, 'ETH'));
    rows.push(row(`ETHUSD_PERP.${x}`, x, 'USD', 'COIN', true, null, 'ETH'));
  }
  rows.push(row('ETH-Q1.A', 'A', 'USD', 'COIN', false, startSec + 90 * DAY, 'ETH'));
  for (const x of ['A', '6', '3'])
    rows.push(row(`SOLUSDT_PERP.${x}`, x, 'USDT', 'STABLE', true, null, 'SOL'));
  rows.push(row('SOLUSD_PERP.A', 'A', 'USD', 'COIN', true, null, 'SOL'));
  return rows;
}

/** Exchange list as /exchanges returns it. */
export const EXCHANGES = [
  { name: 'Binance', code: 'A' },
  { name: 'Bybit', code: '6' },
  { name: 'OKX', code: '3' },
  { name: 'BitMEX', code: '0' },
  { name: 'Deribit', code: '2' },
  { name: 'Hyperliquid', code: 'H' },
  { name: 'Gate.io', code: 'Y' },
  { name: 'dYdX', code: '8' },
  { name: 'Bitfinex', code: 'F' },
  { name: 'Kraken', code: 'K' },
];

/**
 * Liquidation generator for a set of symbols listed at `listedSec`; `sizeOf(symbol)` scales a contract's sizes
 * (1 for BTC's, smaller for other assets).
 */
export function makeLiqModel(symbols, listedSec, sizeOf = () => 1) {
  const seeds = new Map(symbols.map((s) => [s, fnv(s)]));
  const weights = new Map(symbols.map((s) => [s, (0.2 + 3 * rand(fnv(s), 7) ** 3) * sizeOf(s)]));
  const hourCache = new Map();
  const planted = new Map(); // `${symbol}|${hour}` → minute → [long, short] added on top of the model

  const eventsCache = new Map(); // `${symbol}|${hour}` → that hour's events (dropped when a burst is planted in it)

  /** Liquidation events of one hour: minute start → [long, short] USD. Only a few minutes are active. */
  function hourEvents(symbol, h) {
    const key = `${symbol}|${h}`;
    let events = eventsCache.get(key);
    if (!events) {
      events = plantedInto(modelEvents(symbol, h), symbol, h);
      // Bounded: long simulations ask for the same recent hours over and over, old ones rarely.
      if (eventsCache.size > 50_000) eventsCache.clear();
      eventsCache.set(key, events);
    }
    return events;
  }

  function plantedInto(events, symbol, h) {
    for (const [m, extra] of planted.get(`${symbol}|${h}`) ?? []) {
      const prev = events.get(m) ?? [0, 0];
      events.set(m, [prev[0] + extra[0], prev[1] + extra[1]]);
    }
    return events;
  }

  function modelEvents(symbol, h) {
    const seed = seeds.get(symbol);
    const events = new Map();
    if (seed === undefined || h < listedSec) return events;
    if (rand(SHARED, Math.floor(h / (6 * HOUR))) < 0.2) return events; // quiet period across the market
    const hour = h / HOUR;
    const cluster = CLUSTER_HOURS.has(hour % 24) ? 4 : 1;
    const cascade = rand(SHARED, hour * 7 + 3) < 0.004 ? 30 : 1;
    const active = Math.floor(6 * cluster * (cascade > 1 ? 4 : 1) * (0.5 + rand(seed, hour * 5)));
    const w = (weights.get(symbol) ?? 1) * 1500 * cluster * cascade;
    for (let k = 0; k < Math.min(active, 60); k++) {
      const u = (hour * 64 + k) * 4;
      const t = h + MIN * Math.floor(60 * rand(seed, u));
      const amount = w * -Math.log(1 - rand(seed, u + 1));
      const side = rand(seed, u + 2);
      const prev = events.get(t) ?? [0, 0];
      events.set(t, [
        Math.round((prev[0] + amount * side) * 100) / 100,
        Math.round((prev[1] + amount * (1 - side)) * 100) / 100,
      ]);
    }
    return events;
  }

  /** USD liquidated in the closed minute starting at t: [long, short]. */
  function minute(symbol, t) {
    return hourEvents(symbol, Math.floor(t / HOUR) * HOUR).get(t) ?? [0, 0];
  }

  function hourSum(symbol, h) {
    const key = `${symbol}|${h}`;
    let v = hourCache.get(key);
    if (!v) {
      v = [0, 0];
      const events = hourEvents(symbol, h);
      for (const t of [...events.keys()].sort((x, y) => x - y)) {
        const [l, s] = events.get(t) ?? [0, 0];
        v[0] += l;
        v[1] += s;
      }
      hourCache.set(key, v);
    }
    return v;
  }

  /** Minutes of [t, t + step) summed in time order (step < 1 hour, inside one hour). */
  function minuteSum(symbol, t, end) {
    const events = hourEvents(symbol, Math.floor(t / HOUR) * HOUR);
    let l = 0;
    let s = 0;
    for (let m = t; m < end; m += MIN) {
      const v = events.get(m);
      if (v) {
        l += v[0];
        s += v[1];
      }
    }
    return [l, s];
  }

  /** Final (closed) value of a bucket of `step` seconds at t. */
  function bucket(symbol, step, t) {
    let l = 0;
    let s = 0;
    const add = ([a, b]) => {
      l += a;
      s += b;
    };
    if (step >= HOUR) for (let h = t; h < t + step; h += HOUR) add(hourSum(symbol, h));
    else add(minuteSum(symbol, t, t + step));
    return [l, s];
  }

  /** Value of the bucket at t as seen at `nowSec`: the open bucket holds only what has happened so far. */
  function seen(symbol, step, t, nowSec) {
    if (t + step <= nowSec) return bucket(symbol, step, t);
    const closedEnd = Math.floor(nowSec / MIN) * MIN;
    let l = 0;
    let s = 0;
    let m = t;
    const add = ([a, b]) => {
      l += a;
      s += b;
    };
    if (step >= HOUR)
      for (const end = Math.floor(closedEnd / HOUR) * HOUR; m < end; m += HOUR) add(hourSum(symbol, m));
    if (m < closedEnd) add(minuteSum(symbol, m, closedEnd));
    const frac = (nowSec - closedEnd) / MIN;
    const [a, b] = minute(symbol, closedEnd);
    return [l + Math.round(a * frac * 100) / 100, s + Math.round(b * frac * 100) / 100];
  }

  /** Adds a burst of [long, short] USD to the minute starting at t (a planted outlier for alert tests). */
  function plant(symbol, t, long, short) {
    const hourKey = `${symbol}|${Math.floor(t / HOUR) * HOUR}`;
    const inHour = planted.get(hourKey) ?? new Map();
    const prev = inHour.get(t) ?? [0, 0];
    inHour.set(t, [prev[0] + long, prev[1] + short]);
    planted.set(hourKey, inHour);
    hourCache.delete(hourKey);
    eventsCache.delete(hourKey);
  }

  return { minute, bucket, seen, plant, weight: (s) => weights.get(s) ?? 0 };
}
