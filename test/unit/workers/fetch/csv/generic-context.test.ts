import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../../../src/core/csv/detect';
import type { ContextUnit, GenericMapping } from '../../../../../src/core/csv/mapping';
import { unixSeconds } from '../../../../../src/core/time';
import { readContext } from '../../../../../src/storage/context-repo';
import { readFundingLevel, readOiSum } from '../../../../../src/storage/oi-read';
import { readFrameContext } from '../../../../../src/workers/compute/context-frame';
import { freshDb, importInto } from './helpers';

/** 2024-08-01T00:00:00Z. */
const T0 = 1_722_470_400;
const H = 3600;

/** The sniffed mapping of `text`, with each context column's unit set as the user would choose it. */
function mapped(
  text: string,
  name: string,
  units: Partial<Record<string, ContextUnit>> = {},
): GenericMapping {
  const m = sniff(text, name).mapping;
  if (!m) throw new Error('no mapping');
  return { ...m, context: m.context.map((c) => ({ ...c, unit: units[c.label] ?? c.unit })) };
}

describe('generic import of open interest and funding', () => {
  it('a Binance open-interest file is stored like fetched open interest: the group sum and the chart read it; an empty cell stays a gap', async () => {
    const rows = Array.from({ length: 12 }, (_, i) =>
      // Row 5's value cell is empty: the exchange had no figure for that bucket.
      [`BTCUSDT`, `${80_000 + i}`, i === 5 ? '' : `${5e9 + i * 1e6}`, `${(T0 + i * 300) * 1000}`].join(','),
    );
    const text = ['symbol,sumOpenInterest,sumOpenInterestValue,timestamp', ...rows].join('\n');
    const db = await freshDb();
    const { batch, diff } = await importInto(db, text, {
      format: 'generic',
      mapping: mapped(text, 'btc_oi.csv'),
    });
    expect(batch.fatal).toBeNull();
    expect(batch.rejectedCount).toBe(0);
    expect(diff).toEqual({ newPoints: 11, overwritten: 0, unchanged: 0 });
    const agg = 'CSV_AGG_BTC_OI';
    const own = await readContext(db, 'oi', agg, '5min', T0, T0 + 12 * 300);
    expect(own.close[4]).toBe(5.004e9);
    expect(own.close[5]).toBeNaN();
    expect(own.open[6]).toBe(5.006e9);
    // Coverage only where the file has a value: the empty cell is not known, so it is not covered either.
    expect((await db.get('ctxCoverage', ['oi', agg, '5min']))?.ranges).toEqual([
      [T0, T0 + 5 * 300],
      [T0 + 6 * 300, T0 + 12 * 300],
    ]);
    // The aggregate's market joins the groups: the All filter's pre-summed read and the chart's frame see it.
    const sum = await readOiSum(db, [agg], '5min', T0, T0 + 12 * 300);
    expect([...sum.count]).toEqual([1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]);
    expect(await db.get('oiGroupMembers', ['BTC/all', '5min'])).toMatchObject({ members: [agg] });
    const frame = await readFrameContext(db, { start: unixSeconds(T0), step: 300, n: 12 }, 'BTC', {
      kind: 'all',
    });
    expect(frame.oi[11]).toBe(5.011e9);
    expect(frame.oiChange[11]).toBe(1e6);
    expect(frame.oiChange[6]).toBeNaN(); // after the gap the contracts summed changed
    db.close();
  });

  it('funding every 8 h as a fraction: refused until the unit is chosen, then stored in percent on the hourly grid', async () => {
    const rates = [0.0001, -0.00005, 0.000125, 0.0003];
    const text = [
      'symbol,fundingTime,fundingRate,markPrice',
      ...rates.map((r, i) => `BTCUSDT,${(T0 + i * 8 * H) * 1000},${r},60000`),
    ].join('\n');
    const db = await freshDb();
    const unknown = await importInto(db, text, { format: 'generic', mapping: mapped(text, 'funding.csv') });
    expect(unknown.batch.fatal).toBe(
      'choose whether funding "fundingRate" is in percent (0.01 = 0.01 %) or a fraction (0.0001 = 0.01 %)',
    );
    expect(await db.getAll('ctxChunks')).toEqual([]);
    const mapping = mapped(text, 'funding.csv', { fundingRate: 'fraction' });
    const { batch } = await importInto(db, text, { format: 'generic', mapping });
    expect(batch.fatal).toBeNull();
    const agg = 'CSV_AGG_FUNDING';
    const got = await readContext(db, 'funding', agg, '1hour', T0, T0 + 25 * H);
    expect(got.close[0]).toBeCloseTo(0.01, 15);
    expect(got.close[8]).toBeCloseTo(-0.005, 15);
    expect(got.close[16]).toBeCloseTo(0.0125, 15);
    expect(got.close[24]).toBeCloseTo(0.03, 15);
    expect(got.close[1]).toBeNaN(); // the hours between settlements stay gaps
    // With no open interest for the aggregate, the OI-weighted funding has nothing to weigh: a gap, not 0.
    const level = await readFundingLevel(db, 'funding', [agg], '1hour', T0, T0 + 25 * H);
    expect(level.close[0]).toBeNaN();
    db.close();
  });

  it('open interest in BTC, converted with each bucket’s candle close; a row with no candle is rejected by line, not guessed', async () => {
    const rows = [0, 1, 2, 3].map((i) => {
      const close = i === 2 ? '' : `${60_000 + i * 100}`;
      return `${T0 + i * H},60000,60500,59500,${close},${1000 * i},${500 * i},${90_000 + i},${0.01 * (i + 1)}`;
    });
    const header = 'unix,open,high,low,close,long_liq_usd,short_liq_usd,open_interest_btc,funding_rate_pct';
    const text = [header, ...rows].join('\n');
    const db = await freshDb();
    const mapping = mapped(text, 'agg_1h.csv', { open_interest_btc: 'coin' });
    const { batch } = await importInto(db, text, { format: 'generic', mapping });
    expect(batch.fatal).toBeNull();
    expect(batch.rejected).toEqual([
      {
        line: 4,
        reason:
          'no stored 1hour candle at 2024-08-01T02:00:00.000Z to convert BTC open interest to USD (import candles first)',
      },
    ]);
    const agg = 'CSV_AGG_AGG_1H';
    const oi = await readContext(db, 'oi', agg, '1hour', T0, T0 + 4 * H);
    expect([...oi.close]).toEqual([90_000 * 60_000, 90_001 * 60_100, Number.NaN, 90_003 * 60_300]);
    // Funding was already in percent: stored as written; liquidations and OI share the aggregate.
    const funding = await readContext(db, 'funding', agg, '1hour', T0, T0 + 4 * H);
    expect([...funding.close]).toEqual([0.01, 0.02, 0.03, 0.04]);
    // Weighted over the one contract with both: its own rate, where its OI is known.
    const level = await readFundingLevel(db, 'funding', [agg], '1hour', T0, T0 + 4 * H);
    expect([...level.close]).toEqual([0.01, 0.02, Number.NaN, 0.04]);
    db.close();
  });

  it('rejects bad cells with the line and the column; the rest of the line is not imported either', async () => {
    const text = [
      'time,long_liq_usd,short_liq_usd,open_interest_usd,funding_rate_pct',
      `${T0},10,20,5000000000,0.01`,
      `${T0 + H},10,20,-5,0.01`,
      `${T0 + 2 * H},10,20,5000000000,1e999`,
      `${T0 + 3 * H},10,20,abc,0.01`,
      `${T0 + 4 * H + 60},10,20,5000000000,0.01`,
      `0,10,20,5000000000,0.01`,
      `${T0 + 5 * H},10,20,,-0.02`,
    ].join('\n');
    const db = await freshDb();
    // Omitted rows as gaps, so the liquidation coverage shows which lines were imported.
    const mapping: GenericMapping = { ...mapped(text, 'x.csv'), omitted: 'gap' };
    const { batch } = await importInto(db, text, { format: 'generic', mapping });
    expect(batch.rejected.map((r) => `line ${r.line}: ${r.reason}`)).toEqual([
      'line 3: open interest (column 4) "-5" is negative (open interest cannot be)',
      'line 4: funding (column 5) "1e999" overflows (not a finite number)',
      'line 5: open interest (column 4) "abc" is not a number',
      'line 6: time 2024-08-01T04:01:00Z is not on the 1hour grid (check the UTC offset)',
      'line 7: time 1970-01-01T00:00:00Z is before 2010-01-01 (timestamp "0")',
    ]);
    const agg = 'CSV_AGG_X';
    const liq = await db.get('coverage', ['liq', agg, '1hour']);
    expect(liq?.ranges).toEqual([
      [T0, T0 + H],
      [T0 + 5 * H, T0 + 6 * H],
    ]);
    expect((await db.get('ctxCoverage', ['oi', agg, '1hour']))?.ranges).toEqual([[T0, T0 + H]]);
    expect((await db.get('ctxCoverage', ['funding', agg, '1hour']))?.ranges).toEqual([
      [T0, T0 + H],
      [T0 + 5 * H, T0 + 6 * H],
    ]);
    db.close();
  });

  it('a commit that fails writes no open interest, funding or liquidations', async () => {
    const text = ['time,long_liq_usd,short_liq_usd,oi_usd', `${T0},1,2,3000000000`].join('\n');
    const db = await freshDb();
    const { applyBatch } = await import('../../../../../src/workers/fetch/csv/apply');
    const { importText } = await import('../../../../../src/core/csv/session');
    const batch = importText(text, { format: 'generic', mapping: mapped(text, 'y.csv') });
    await expect(
      applyBatch(db, batch, true, () => {
        throw new Error('quota exceeded');
      }),
    ).rejects.toThrow('quota exceeded');
    expect(await db.getAll('ctxChunks')).toEqual([]);
    expect(await db.getAll('ctxCoverage')).toEqual([]);
    expect(await db.getAll('oiGroups')).toEqual([]);
    expect(await db.getAll('liqChunks')).toEqual([]);
    expect(await db.getAll('markets')).toEqual([]);
    db.close();
  });
});
