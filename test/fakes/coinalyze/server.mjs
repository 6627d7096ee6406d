// Fake Coinalyze REST API v1 (Node http, no framework), faithful to docs/coinalyze-api.md: api_key header or
// query param, 401, ≤ 20 symbols, weighted 40 calls/min with 429 + Retry-After, per-interval retention, omitted
// empty buckets, an open newest bucket that keeps changing, ms timestamps → [], invalid-interval message,
// convert_to_usd per oi_lq_vol_denominated_in, CORS off by default, and fault injection. Time comes from `now`.
// Open interest and funding (rate, predicted) history come as OHLC buckets from the context model, with their own
// omitted buckets and (for OI) the measured retention.
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { makeContextModel } from './context.mjs';
import {
  ASSET_SCALE,
  EXCHANGES,
  INTERVALS,
  makeLiqModel,
  makeMarkets,
  priceAt,
  SIZE_SCALE,
} from './data.mjs';

const RETENTION_POINTS = { '1min': 1700, '5min': 2000, '15min': 1800 };
/** OI retention as S5 measured it (docs/coinalyze-api.md §2): 2,206 1min points, ~2,100 5min points. */
const OI_RETENTION_POINTS = { '1min': 2206, '5min': 2100 };
/** Path → context kind of the three OHLC history endpoints. */
const CONTEXT_PATHS = {
  '/v1/open-interest-history': 'oi',
  '/v1/funding-rate-history': 'funding',
  '/v1/predicted-funding-rate-history': 'predicted',
};

/** Faults that answer 200 with a body the client must refuse: they change the first history row. */
const MANGLE = {
  offgrid: (body) => firstRow(body, (r) => (r.t += 7)),
  ms: (body) => {
    for (const item of body) for (const r of item.history ?? []) r.t *= 1000;
  },
  negative: (body) => firstRow(body, (r) => (r.l = -Math.abs(r.l ?? 1) - 1)),
};

function firstRow(body, change) {
  const row = body.find((item) => item.history?.length > 0)?.history[0];
  if (row) change(row);
}
const DEFAULT_RETENTION = 1600;

/**
 * Starts nothing yet; call `listen()`. Options: now (ms clock), keys, cors, limitPerMin, listedDaysAgo, tls
 * ({ key, cert }: serve https, for proxies that must verify the certificate), cookies (answers carry a
 * Cloudflare-style `Set-Cookie`, as the real API's edge may add).
 */
export function createFakeCoinalyze(options = {}) {
  const now = options.now ?? (() => Date.now());
  const keys = options.keys ?? null; // null: any non-empty key except "bad-key" works (dev:mock)
  const limit = options.limitPerMin ?? 40;
  const startSec = Math.floor(now() / 1000);
  const markets = options.markets ?? makeMarkets(startSec);
  const listed = startSec - (options.listedDaysAgo ?? 400) * 86400;
  const bySymbol = new Map(markets.map((m) => [m.symbol, m]));
  // Each asset's contracts at its own size (BTC's are 1): ETH and SOL liquidate and hold less.
  const sizeOf = (symbol) => SIZE_SCALE[bySymbol.get(symbol)?.base_asset] ?? 0.05;
  const model = makeLiqModel(
    markets.map((m) => m.symbol),
    listed,
    sizeOf,
  );
  const context = makeContextModel(
    markets.map((m) => m.symbol),
    listed,
    sizeOf,
  );
  const spent = new Map(); // key → [{at, weight}]
  const faults = [];
  const log = [];
  let latencyMs = options.latencyMs ?? 0;

  const retentionStart = (interval, nowSec, kind) =>
    interval === 'daily'
      ? Number.NEGATIVE_INFINITY
      : nowSec -
        ((kind === 'oi' ? OI_RETENTION_POINTS : RETENTION_POINTS)[interval] ?? DEFAULT_RETENTION) *
          INTERVALS[interval];

  function rateCheck(key, weight) {
    const t = now();
    const list = (spent.get(key) ?? []).filter((s) => s.at > t - 60_000);
    spent.set(key, list);
    const used = list.reduce((a, s) => a + s.weight, 0);
    if (used + weight <= limit) {
      list.push({ at: t, weight });
      return 0;
    }
    // Seconds until enough of the window has expired.
    let free = limit - used;
    for (const s of list) {
      free += s.weight;
      if (free >= weight) return Math.max(1, Math.ceil((s.at + 60_000 - t) / 1000));
    }
    return 60;
  }

  function history(url, kind) {
    const interval = url.searchParams.get('interval') ?? '';
    const step = INTERVALS[interval];
    if (!step) {
      return [400, { message: `Invalid interval. Valid values: ${Object.keys(INTERVALS).join(', ')}` }];
    }
    const from = Number(url.searchParams.get('from'));
    const to = Number(url.searchParams.get('to'));
    if (!Number.isFinite(from) || !Number.isFinite(to)) return [400, { message: 'from and to are required' }];
    const nowSec = now() / 1000;
    const usd = url.searchParams.get('convert_to_usd') === 'true';
    const out = [];
    for (const symbol of symbolsOf(url)) {
      const market = bySymbol.get(symbol);
      if (!market) continue;
      const hist = [];
      const first = Math.max(
        Math.ceil(from / step) * step,
        Math.ceil(retentionStart(interval, nowSec, kind) / step) * step,
      );
      // ms timestamps land far in the future: nothing is there, so the answer is [] (as the real API does).
      for (let t = first; t <= to && t < nowSec; t += step) {
        if (t + step <= listed) continue; // before the contract was listed: nothing to report
        if (kind === 'liq') {
          const [l, s] = model.seen(symbol, step, t, nowSec);
          if (l === 0 && s === 0) continue; // empty buckets are omitted
          const f =
            !usd && market.oi_lq_vol_denominated_in === 'BASE_ASSET' ? 1 / priceAt(t, market.base_asset) : 1;
          hist.push({ t, l: l * f, s: s * f });
        } else if (kind !== 'ohlcv') {
          const b = context.seen(kind, symbol, step, t, nowSec);
          if (!b) continue; // omitted bucket
          // OI without convert_to_usd is in the contract's own unit: BTC for BASE_ASSET contracts.
          const f =
            kind === 'oi' && !usd && market.oi_lq_vol_denominated_in === 'BASE_ASSET'
              ? 1 / priceAt(t, market.base_asset)
              : 1;
          hist.push({ t, o: b.o * f, h: b.h * f, l: b.l * f, c: b.c * f });
        } else {
          const end = Math.min(t + step, nowSec);
          const o = priceAt(t, market.base_asset);
          const c = priceAt(end, market.base_asset);
          const mid = priceAt((t + end) / 2, market.base_asset);
          const v = 100 + 50 * Math.abs(Math.sin(t / 3000));
          hist.push({
            t,
            o,
            h: Math.max(o, c, mid) + 5 * (ASSET_SCALE[market.base_asset] ?? 0.01),
            l: Math.min(o, c, mid) - 5 * (ASSET_SCALE[market.base_asset] ?? 0.01),
            c,
            v,
            bv: v / 2,
            tx: 10,
            btx: 5,
          });
        }
      }
      // A known symbol with nothing in range comes back with an empty history (UNVERIFIED: the docs only say
      // that empty buckets are left out and unknown symbols give nothing); unknown symbols are left out.
      out.push({ symbol, history: hist });
    }
    return [200, out];
  }

  function symbolsOf(url) {
    return (url.searchParams.get('symbols') ?? '').split(',').filter((s) => s.length > 0);
  }

  function route(req) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const key = req.headers.api_key ?? url.searchParams.get('api_key') ?? '';
    const entry = {
      path: url.pathname,
      cookie: typeof req.headers.cookie === 'string',
      symbols: symbolsOf(url),
      interval: url.searchParams.get('interval'),
      at: now(),
    };
    log.push(entry);
    const send = (status, body, headers = {}) => {
      entry.status = status;
      return [status, body, headers];
    };
    if (!key || (keys ? !keys.includes(key) : key === 'bad-key'))
      return send(401, { message: 'Invalid API key' });
    const needsSymbols = !['/v1/exchanges', '/v1/future-markets', '/v1/spot-markets'].includes(url.pathname);
    const symbols = symbolsOf(url);
    if (needsSymbols && symbols.length === 0) return send(400, { message: 'symbols is required' });
    if (symbols.length > 20) return send(400, { message: 'Maximum 20 symbols allowed' });
    const retry = rateCheck(key, Math.max(1, symbols.length));
    if (retry > 0) return send(429, { message: 'Too many requests' }, { 'Retry-After': String(retry) });
    entry.weight = Math.max(1, symbols.length);
    switch (url.pathname) {
      case '/v1/exchanges':
        return send(200, EXCHANGES);
      case '/v1/future-markets':
        return send(200, markets);
      case '/v1/liquidation-history':
        return send(...history(url, 'liq'));
      case '/v1/ohlcv-history':
        return send(...history(url, 'ohlcv'));
      default:
        if (CONTEXT_PATHS[url.pathname]) return send(...history(url, CONTEXT_PATHS[url.pathname]));
        return send(404, { message: 'Not found' });
    }
  }

  const handler = async (req, res) => {
    const cors = {
      ...(options.cors
        ? { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'api_key' }
        : {}),
      ...(options.cookies
        ? { 'Set-Cookie': '__cf_bm=fake-bot-management; path=/; domain=.coinalyze.net; HttpOnly; Secure' }
        : {}),
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(options.cors ? 204 : 405, cors).end();
      return;
    }
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const fault = faults.shift();
    if (fault === 'drop') {
      log.push({ path: req.url, fault, at: now() });
      req.socket.destroy();
      return;
    }
    if (fault === '500' || fault === '429') {
      log.push({ path: req.url, fault, at: now(), status: Number(fault) });
      const headers = fault === '429' ? { 'Retry-After': '5' } : {};
      res.writeHead(Number(fault), { 'Content-Type': 'application/json', ...headers, ...cors });
      res.end(JSON.stringify({ message: fault === '429' ? 'Too many requests' : 'Internal server error' }));
      return;
    }
    const [status, body, headers] = route(req);
    if (fault && MANGLE[fault]) {
      log[log.length - 1].fault = fault;
      if (Array.isArray(body)) MANGLE[fault](body);
    }
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers, ...cors });
    // 'notarray': valid JSON of the wrong shape (an object where the documented answer is a list).
    const text = JSON.stringify(fault === 'notarray' ? { data: body } : body);
    res.end(fault === 'malformed' ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
  };
  const server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler);

  return {
    markets,
    log,
    model,
    /** Queues faults for the next requests: '500', '429', 'malformed', 'drop', 'offgrid', 'ms', 'negative', 'notarray'. */
    inject(...kinds) {
      faults.push(...kinds);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    /** Final per-contract truth of a closed bucket, in USD: [long, short]. */
    /** Plants a burst of [long, short] USD in the minute starting at t (unix s) for `symbol`. */
    plant(symbol, t, long, short = 0) {
      model.plant(symbol, t, long, short);
    },
    truth(symbol, interval, t) {
      return model.bucket(symbol, INTERVALS[interval], t);
    },
    /** A closed context bucket as the API serves it in USD / %, or null where the API leaves it out. */
    contextTruth(kind, symbol, interval, t) {
      const step = INTERVALS[interval];
      return context.seen(kind, symbol, step, t, t + step);
    },
    /** Listens on `port` (0 = any) and resolves with the base URL (without /v1). */
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve) => {
        server.listen(port, host, () => {
          const a = server.address();
          resolve(
            `${options.tls ? 'https' : 'http'}://${host}:${typeof a === 'object' && a ? a.port : port}`,
          );
        });
      });
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
