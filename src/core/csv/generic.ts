/** Reads other tools' CSVs through a GenericMapping into an import batch, rejecting bad lines precisely. */
import { BASE_INTERVAL_SECONDS } from '../intervals';
import { isoUtc } from '../time';
import { badAmount } from './archive';
import { contextValueProblem } from './archive-context';
import type { ImportBatch } from './batch';
import { marketFromSymbol } from './contracts';
import {
  CONTEXT_NAMES,
  contextIntervalProblem,
  contextIntervals,
  contextUnitProblem,
} from './detect-context';
import { BTC_TARGET, type ImportTarget } from './import-target';
import type { GenericMapping } from './mapping';
import { AGGREGATE_PREFIX, aggregateMarket, nameProblem } from './names';
import type { CsvRow } from './row';
import { timeRangeProblem } from './time-range';
import { parseTimestamp, type TimeUnit } from './timestamps';

const UNIT_NAMES: Readonly<Record<TimeUnit, string>> = {
  unix_s: 'unix seconds',
  unix_ms: 'unix milliseconds',
  iso: 'ISO 8601',
  naive: 'date-time',
};

/** Why a mapping cannot be used (a symbol or exchange code that could not be stored safely), or null. */
export function mappingProblem(m: GenericMapping): string | null {
  for (const p of m.pairs) {
    const why = nameProblem(p.symbol);
    if (why) return `the contract for "${p.label}" ${why}`;
  }
  if (m.candles) {
    const why = nameProblem(m.candles.symbol);
    if (why) return `the candles' market ${why}`;
  }
  for (const code of m.covers) {
    const why = nameProblem(code);
    if (why) return `the exchange code ${why}`;
  }
  return contextMappingProblem(m);
}

/** Why the open interest and funding part of a mapping cannot be used (unit unknown, interval, names), or null. */
function contextMappingProblem(m: GenericMapping): string | null {
  const seen = new Set<string>();
  for (const x of m.context) {
    const name = `${CONTEXT_NAMES[x.kind]} "${x.label}"`;
    const why = nameProblem(x.symbol);
    if (why) return `the contract for ${name} ${why}`;
    const unit = contextUnitProblem(x);
    if (unit) return unit;
    if (!contextIntervals(x.kind).includes(m.interval)) return contextIntervalProblem(x, m.interval);
    const key = `${x.kind}|${x.symbol}`;
    if (seen.has(key))
      return `two ${CONTEXT_NAMES[x.kind]} columns for ${x.symbol}: map one of them, or give each its contract`;
    seen.add(key);
  }
  return null;
}

/** Streams rows of a generic file into a batch. */
export class GenericReader {
  private width = -1;
  private readonly v = new Float64Array(5);
  private skipHeader: boolean;

  /**
   * Reader for `mapping`, writing into `batch`; times after `nowSec` + 1 day are refused. Aggregates, and typed
   * symbols naming no asset, belong to `target.asset`.
   */
  constructor(
    private readonly batch: ImportBatch,
    private readonly mapping: GenericMapping,
    private readonly nowSec: number,
    target: ImportTarget = BTC_TARGET,
  ) {
    this.skipHeader = mapping.hasHeader;
    const bad = mappingProblem(mapping);
    if (bad) {
      batch.fatal = bad;
      return;
    }
    const marketOf = (symbol: string) => {
      if (symbol.startsWith(AGGREGATE_PREFIX)) return aggregateMarket(symbol, mapping.covers, target.asset);
      batch.guessedMarkets.add(symbol);
      return marketFromSymbol(symbol, undefined, target.asset);
    };
    for (const p of mapping.pairs) {
      if (!batch.markets.has(p.symbol)) batch.markets.set(p.symbol, marketOf(p.symbol));
      const s = batch.seriesFor('liq', p.symbol, mapping.interval);
      s.unit = mapping.amountUnit;
      s.fillOmitted = mapping.omitted === 'zero';
    }
    const c = mapping.candles;
    // An aggregate's candles need its market record: the chart finds imported candles through the markets.
    if (c?.symbol.startsWith(AGGREGATE_PREFIX) && !batch.markets.has(c.symbol))
      batch.markets.set(c.symbol, marketOf(c.symbol));
    // Open interest and funding join the contract's groups and filters through its market record too.
    for (const x of mapping.context) {
      if (!batch.markets.has(x.symbol)) batch.markets.set(x.symbol, marketOf(x.symbol));
      batch.seriesFor(x.kind, x.symbol, mapping.interval).unit = x.unit === 'coin' ? 'coin' : 'usd';
    }
  }

  /** Handles one row (the header included). */
  row(r: CsvRow): undefined {
    const b = this.batch;
    const m = this.mapping;
    if (this.width < 0) this.width = r.count;
    if (this.skipHeader) {
      this.skipHeader = false;
      return;
    }
    b.rows++;
    if (r.count !== this.width) return b.reject(r.line, `expected ${this.width} fields, found ${r.count}`);
    const cell = r.field(m.timeColumn);
    const t = parseTimestamp(cell, m.timeUnit, m.utcOffsetHours);
    if (t === null || !Number.isFinite(t))
      return b.reject(r.line, `"${cell}" is not a ${UNIT_NAMES[m.timeUnit]} timestamp`);
    const outside = timeRangeProblem(t, this.nowSec);
    if (outside) return b.reject(r.line, `${outside} (timestamp "${cell}")`);
    const step = BASE_INTERVAL_SECONDS[m.interval];
    if (t % step !== 0)
      return b.reject(
        r.line,
        `time ${isoUtc(Math.floor(t))} is not on the ${m.interval} grid (check the UTC offset)`,
      );
    const v = this.v;
    // Validate the whole line first so a line is either fully imported or fully rejected.
    for (const p of m.pairs) {
      for (const [col, name] of [
        [p.long, 'long'],
        [p.short, 'short'],
      ] as const) {
        if (r.isEmpty(col)) continue;
        const why = badAmount(r.number(col), r.field(col));
        if (why) return b.reject(r.line, `${name} (column ${col + 1}) ${why}`);
      }
    }
    for (const x of m.context) {
      if (r.isEmpty(x.column)) continue;
      const why = contextValueProblem(x.kind, r.number(x.column), r.field(x.column));
      if (why) return b.reject(r.line, `${CONTEXT_NAMES[x.kind]} (column ${x.column + 1}) ${why}`);
    }
    const c = m.candles;
    if (c) {
      const cols = [c.open, c.high, c.low, c.close, c.volume];
      for (let k = 0; k < 5; k++) {
        const col = cols[k] ?? -1;
        const x = col < 0 || r.isEmpty(col) ? Number.NaN : r.number(col);
        const why = col < 0 || r.isEmpty(col) ? null : badAmount(x, r.field(col));
        if (why) return b.reject(r.line, `${['open', 'high', 'low', 'close', 'volume'][k]} ${why}`);
        v[k] = x;
      }
      if (!Number.isNaN(v[3] ?? Number.NaN)) b.seriesFor('candle', c.symbol, m.interval).add(t, v, r.line);
    }
    for (const p of m.pairs) {
      // An empty pair means "no data for this contract here" (not zero): it stays outside coverage.
      if (r.isEmpty(p.long) && r.isEmpty(p.short)) continue;
      v[0] = r.isEmpty(p.long) ? 0 : r.number(p.long);
      v[1] = r.isEmpty(p.short) ? 0 : r.number(p.short);
      b.seriesFor('liq', p.symbol, m.interval).add(t, v, r.line);
    }
    for (const x of m.context) {
      // An empty cell is a gap (nothing known), never zero open interest or zero funding.
      if (r.isEmpty(x.column)) continue;
      const level = r.number(x.column) * (x.unit === 'fraction' ? 100 : 1);
      v.fill(level, 0, 4); // one level per row: the bucket's open, high, low and close
      b.seriesFor(x.kind, x.symbol, m.interval).add(t, v, r.line);
    }
  }
}
