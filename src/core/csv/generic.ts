/** Reads other tools' CSVs through a GenericMapping into an import batch, rejecting bad lines precisely. */
import { BASE_INTERVAL_SECONDS } from '../intervals';
import { isoUtc } from '../time';
import { badAmount } from './archive';
import type { ImportBatch } from './batch';
import { marketFromSymbol } from './contracts';
import type { GenericMapping } from './mapping';
import type { CsvRow } from './row';
import { parseTimestamp } from './timestamps';

/** Streams rows of a generic file into a batch. */
export class GenericReader {
  private width = -1;
  private readonly v = new Float64Array(5);
  private skipHeader: boolean;

  /** Reader for `mapping`, writing into `batch`. */
  constructor(
    private readonly batch: ImportBatch,
    private readonly mapping: GenericMapping,
  ) {
    this.skipHeader = mapping.hasHeader;
    for (const p of mapping.pairs) {
      if (!batch.markets.has(p.symbol)) batch.markets.set(p.symbol, marketFromSymbol(p.symbol));
      batch.seriesFor('liq', p.symbol, mapping.interval).unit = mapping.amountUnit;
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
      return b.reject(r.line, `"${cell}" is not a ${m.timeUnit} timestamp`);
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
  }
}
