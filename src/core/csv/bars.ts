/**
 * The bars format: the chart's bars at its timeframe and contract filter, for pandas and Excel. Importing it
 * back stores the COIN and STABLE group sums as two synthetic contracts, so every filter view is reproduced.
 */
import { DEFAULT_ASSET } from '../assets';
import { BASE_INTERVAL_SECONDS, type BaseInterval, type Timeframe } from '../intervals';
import type { Market } from '../market';
import { badAmount } from './archive';
import type { ImportBatch } from './batch';
import { formatNumber, safeText, utcLabel } from './format';
import { BTC_TARGET, type ImportTarget } from './import-target';
import type { CsvRow } from './row';
import { timeRangeProblem } from './time-range';
import type { CsvWriter } from './writer';

/** The columns every bars file starts with (a file exported before the market-context columns has only these). */
export const BARS_HEADER =
  'time,unix,timeframe,open,high,low,close,volume,long_usd,short_usd,total_usd,coin_long_usd,coin_short_usd,stable_long_usd,stable_short_usd,spike_z_long,spike_z_short,event';

/**
 * The market-context columns after `event`: open interest summed over the filter (USD, at the bar's close, as the
 * OI pane), its change from the previous bar, funding and predicted funding weighted by open interest (%), and the
 * bar's liquidations in basis points of the open interest at its open (derived: never stored).
 */
export const BARS_CONTEXT_COLUMNS = 'oi_usd,oi_change_usd,funding,predicted_funding,liq_bp_of_oi';
const CONTEXT_FIELDS = 5;

/** The optional per-exchange column pair of exchange `code` (a Coinalyze exchange code, or an import's own). */
export function exchangeColumns(code: string): string {
  return `ex_${code}_long_usd,ex_${code}_short_usd`;
}

/** The header of a bars file as exported, with per-exchange columns for `codes`. */
export function barsHeader(codes: readonly string[]): string {
  return [BARS_HEADER, BARS_CONTEXT_COLUMNS, ...codes.map(exchangeColumns)].join(',');
}

/** What a bars header holds after BARS_HEADER: how many context fields (0 in older files) and which exchanges. */
export interface BarsLayout {
  contextFields: number;
  exchanges: string[];
}

/**
 * The layout of a bars header (BARS_HEADER, then the context columns unless the file predates them, then optional
 * `ex_<code>_long_usd,ex_<code>_short_usd` pairs), or null when the line is not a bars header.
 */
export function barsLayout(line: string): BarsLayout | null {
  if (line === BARS_HEADER) return { contextFields: 0, exchanges: [] };
  if (!line.startsWith(`${BARS_HEADER},`)) return null;
  let tail = line.slice(BARS_HEADER.length + 1);
  let contextFields = 0;
  if (tail === BARS_CONTEXT_COLUMNS || tail.startsWith(`${BARS_CONTEXT_COLUMNS},`)) {
    contextFields = CONTEXT_FIELDS;
    tail = tail.slice(BARS_CONTEXT_COLUMNS.length + 1);
  }
  const exchanges = tail === '' ? [] : exchangeCodes(tail.split(','));
  return exchanges && { contextFields, exchanges };
}

/** The exchange codes of a bars header, or null when the line is not one. */
export function barsHeaderExchanges(line: string): string[] | null {
  return barsLayout(line)?.exchanges ?? null;
}

/** The codes of `ex_<code>_long_usd,ex_<code>_short_usd` pairs, or null when `rest` is anything else. */
function exchangeCodes(rest: readonly string[]): string[] | null {
  if (rest.length % 2 !== 0) return null;
  const codes: string[] = [];
  for (let k = 0; k < rest.length; k += 2) {
    const m = /^ex_([A-Za-z0-9]{1,8})_long_usd$/.exec(rest[k] ?? '');
    const code = m?.[1];
    if (!code || rest[k + 1] !== `ex_${code}_short_usd` || codes.includes(code)) return null;
    codes.push(code);
  }
  return codes;
}

/** Base interval that stores bars of each timeframe; 3m has none, so 3m bars cannot be imported. */
const BASE_OF: Partial<Record<Timeframe, BaseInterval>> = {
  '1m': '1min',
  '5m': '5min',
  '15m': '15min',
  '30m': '30min',
  '1h': '1hour',
  '2h': '2hour',
  '4h': '4hour',
  '6h': '6hour',
  '12h': '12hour',
  '1D': 'daily',
};

/** One bar as exported; NaN marks an unknown value (written as an empty cell). */
export interface BarRow {
  t: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** NaN for every liquidation field when the bar lies in a gap. */
  long: number;
  short: number;
  coinLong: number;
  coinShort: number;
  stableLong: number;
  stableShort: number;
  zLong: number;
  zShort: number;
  event: string;
  /** Open interest over the filter at the bar's close (USD), its change from the previous bar; NaN: empty. */
  oi: number;
  oiChange: number;
  /** Funding and predicted funding weighted by open interest (%); NaN: empty. */
  funding: number;
  predicted: number;
  /** Long + short liquidations in bp of the open interest at the bar's open (NaN: empty, no open interest). */
  bpOfOi: number;
  /** Per-exchange columns, long then short per exchange (NaN: empty cell); absent without them. */
  exchanges?: ArrayLike<number>;
}

/** Formats one bar as a line. */
export function barLine(tf: Timeframe, b: BarRow): string {
  const f = formatNumber;
  const total = Number.isNaN(b.long) ? Number.NaN : b.long + b.short;
  return `${utcLabel(b.t)},${b.t},${tf},${f(b.open)},${f(b.high)},${f(b.low)},${f(b.close)},${f(b.volume)},${f(b.long)},${f(b.short)},${f(total)},${f(b.coinLong)},${f(b.coinShort)},${f(b.stableLong)},${f(b.stableShort)},${f(b.zLong)},${f(b.zShort)},${safeText(b.event)},${f(b.oi)},${f(b.oiChange)},${f(b.funding)},${f(b.predicted)},${f(b.bpOfOi)}${Array.from(b.exchanges ?? [], (x) => `,${f(x)}`).join('')}\n`;
}

/** Writes `barLine(tf, b)` straight into `w` (byte-identical, faster); `tf` is the timeframe's bytes. */
export function writeBarRow(w: CsvWriter, tf: Uint8Array, b: BarRow): void {
  w.label(b.t);
  w.comma();
  w.number(b.t);
  w.comma();
  w.raw(tf);
  for (const x of [b.open, b.high, b.low, b.close, b.volume, b.long, b.short]) {
    w.comma();
    w.number(x);
  }
  w.comma();
  w.number(Number.isNaN(b.long) ? Number.NaN : b.long + b.short);
  for (const x of [b.coinLong, b.coinShort, b.stableLong, b.stableShort, b.zLong, b.zShort]) {
    w.comma();
    w.number(x);
  }
  w.comma();
  if (b.event !== '') w.text(safeText(b.event));
  for (const x of [b.oi, b.oiChange, b.funding, b.predicted, b.bpOfOi]) {
    w.comma();
    w.number(x);
  }
  const ex = b.exchanges ?? [];
  for (let k = 0; k < ex.length; k++) {
    w.comma();
    w.number(ex[k] ?? Number.NaN);
  }
  w.newline();
}

/**
 * Synthetic contracts that hold `asset`'s re-imported bar sums, one per margin group. BTC's keep the names they had
 * before other assets could be imported (`CSV_BARS_COIN.CSV`, `CSV_BARS_STABLE.CSV`), so stored data and archives
 * keep working; other assets' name the asset (`CSV_BARS_ETH_COIN.CSV`).
 */
export function barMarkets(asset: string): Readonly<Record<'COIN' | 'STABLE', Market>> {
  const infix = asset === DEFAULT_ASSET ? '' : `${asset}_`;
  return {
    COIN: synthetic(`CSV_BARS_${infix}COIN.CSV`, 'COIN', asset),
    STABLE: synthetic(`CSV_BARS_${infix}STABLE.CSV`, 'STABLE', asset),
  };
}

function synthetic(symbol: string, margined: 'COIN' | 'STABLE', asset: string): Market {
  return {
    symbol,
    exchange: 'CSV',
    symbolOnExchange: symbol,
    baseAsset: asset,
    quoteAsset: margined === 'COIN' ? 'USD' : 'USDT',
    isPerpetual: true,
    expireAt: null,
    margined,
    denominatedIn: 'QUOTE_ASSET',
    hasOhlcv: false,
  };
}

/**
 * Reads bars rows into a batch: group sums into the target asset's two synthetic contracts, OHLCV onto its
 * reference market.
 */
export class BarsReader {
  private readonly v = new Float64Array(5);
  private readonly markets: Readonly<Record<'COIN' | 'STABLE', Market>>;

  /**
   * Reader writing into `batch`; times after `nowSec` + 1 day are refused. A file with `exchangeCount` per-exchange
   * column pairs has that many more pairs of fields; they break the totals down and are not stored (the COIN and
   * STABLE sums are). The `contextFields` market-context columns are analysis output and are not stored either.
   */
  constructor(
    private readonly batch: ImportBatch,
    private readonly nowSec: number,
    private readonly exchangeCount = 0,
    private readonly contextFields = CONTEXT_FIELDS,
    private readonly target: ImportTarget = BTC_TARGET,
  ) {
    this.markets = barMarkets(target.asset);
  }

  /** Handles one data row. */
  row(r: CsvRow): undefined {
    const b = this.batch;
    b.rows++;
    const fields = 18 + this.contextFields + 2 * this.exchangeCount;
    if (r.count !== fields) return b.reject(r.line, `expected ${fields} fields, found ${r.count}`);
    const tf = r.field(2) as Timeframe;
    const interval = BASE_OF[tf];
    if (!interval)
      return b.reject(r.line, `timeframe "${r.field(2)}" cannot be stored (no matching base interval)`);
    const t = r.number(1);
    if (!Number.isInteger(t))
      return b.reject(r.line, `unix "${r.field(1)}" is not a whole number of seconds`);
    const outside = timeRangeProblem(t, this.nowSec);
    if (outside) return b.reject(r.line, `${outside} (unix ${t})`);
    const step = BASE_INTERVAL_SECONDS[interval];
    if (t % step !== 0)
      return b.reject(r.line, `unix ${t} is not on the ${tf} grid (not a whole multiple of ${step} s)`);
    const v = this.v;
    if (!r.isEmpty(6)) {
      for (let c = 0; c < 5; c++) {
        const x = r.isEmpty(3 + c) ? Number.NaN : r.number(3 + c);
        const why = r.isEmpty(3 + c) ? null : badAmount(x, r.field(3 + c));
        if (why) return b.reject(r.line, `${['open', 'high', 'low', 'close', 'volume'][c]} ${why}`);
        v[c] = x;
      }
      b.seriesFor('candle', this.target.reference, interval).add(t, v, r.line);
    }
    if (r.isEmpty(8)) return; // a gap bar: nothing known about liquidations
    for (const [group, col] of [
      ['COIN', 11],
      ['STABLE', 13],
    ] as const) {
      for (let c = 0; c < 2; c++) {
        const x = r.isEmpty(col + c) ? 0 : r.number(col + c);
        const why = badAmount(x, r.field(col + c));
        if (why) return b.reject(r.line, `${group.toLowerCase()}_${c === 0 ? 'long' : 'short'}_usd ${why}`);
        v[c] = x;
      }
      const m = this.markets[group];
      b.markets.set(m.symbol, m);
      b.seriesFor('liq', m.symbol, interval).add(t, v, r.line);
    }
  }
}
