import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_HEADER } from '../../../../src/core/csv/archive';
import { sniff } from '../../../../src/core/csv/detect';
import { candleRole } from '../../../../src/core/csv/detect-columns';
import { importText } from '../../../../src/core/csv/session';

const fixture = path.resolve(import.meta.dirname, '../../../fixtures/coinglass-binance-btc-1h.csv');
const H = 3600;
/** 2024-08-01T00:00:00Z. */
const T0 = 1_722_470_400;

describe('candle columns by their common names', () => {
  it.each([
    ['price_open', 'open'],
    ['open_price', 'open'],
    ['o', 'open'],
    ['Open', 'open'],
    ['open (USD)', 'open'],
    ['Open [USDT]', 'open'],
    ['priceOpen', 'open'],
    ['price_high', 'high'],
    ['High', 'high'],
    ['h', 'high'],
    ['low_price', 'low'],
    ['l', 'low'],
    ['close_price', 'close'],
    ['Close', 'close'],
    ['close (USD)', 'close'],
    ['price_close_usd', 'close'],
    ['c', 'close'],
    ['Volume', 'volume'],
    ['volume (BTC)', 'volume'],
    ['v', 'volume'],
  ])('%s is %s', (name, role) => {
    expect(candleRole(name)).toBe(role);
  });

  it.each([
    'Open time',
    'open_interest',
    'Close time',
    'volume_usd',
    'Quote asset volume',
    'closed',
    'price',
  ])('%s is not a candle column', (name) => {
    expect(candleRole(name)).toBeNull();
  });
});

describe('a CoinGlass-shaped hourly export', () => {
  const text = readFileSync(fixture, 'utf8');
  const s = sniff(text, 'coinglass-binance-btc-1h.csv');

  it('is mapped without correction: ms timestamps, 1hour, candles and the pair on one named aggregate', () => {
    expect(s.format).toBe('generic');
    expect(s.unsure).toEqual([]);
    const m = s.mapping;
    expect(m).toMatchObject({
      timeColumn: 0,
      timeUnit: 'unix_ms',
      interval: '1hour',
      amountUnit: 'usd',
      candles: { symbol: 'CSV_AGG_COINGLASS_BINANCE_BTC_1H', open: 1, high: 2, low: 3, close: 4, volume: -1 },
      pairs: [{ symbol: 'CSV_AGG_COINGLASS_BINANCE_BTC_1H', long: 5, short: 6 }],
      // The file's name mentions Binance; the user can change the list in the mapping form.
      covers: ['A'],
      // The file carries candles: an hour it lacks is missing, not calm.
      omitted: 'gap',
    });
  });

  it('imports every row; the hours the file lacks stay outside coverage', () => {
    const m = s.mapping;
    if (!m) throw new Error('no mapping');
    const b = importText(text, { format: 'generic', mapping: m });
    expect(b.fatal).toBeNull();
    expect(b.rows).toBe(1446);
    expect(b.rejectedCount).toBe(0);
    const liq = b.series.get('liq|CSV_AGG_COINGLASS_BINANCE_BTC_1H|1hour');
    const candles = b.series.get('candle|CSV_AGG_COINGLASS_BINANCE_BTC_1H|1hour');
    expect(liq?.n).toBe(1446);
    expect(candles?.n).toBe(1446);
    const covered = (liq?.ranges ?? []).reduce((n, [a, z]) => n + (z - a) / H, 0);
    expect(covered).toBe(1446); // 19 gaps inside the 1,465-hour span
    expect(liq?.ranges.length).toBeGreaterThan(1);
    expect(b.markets.get('CSV_AGG_COINGLASS_BINANCE_BTC_1H')).toMatchObject({
      margined: 'MIXED',
      covers: ['A'],
      exchange: 'CSV_AGG_COINGLASS_BINANCE_BTC_1H',
    });
    // The user's other choice: omitted hours are zeros (the whole span is covered).
    const zero = importText(text, { format: 'generic', mapping: { ...m, omitted: 'zero' } });
    const span = zero.series.get('liq|CSV_AGG_COINGLASS_BINANCE_BTC_1H|1hour')?.ranges;
    expect(span).toHaveLength(1);
    expect(((span?.[0]?.[1] ?? 0) - (span?.[0]?.[0] ?? 0)) / H).toBe(1465);
  });
});

describe('timestamps decided by the majority; odd lines rejected by number', () => {
  const good = Array.from(
    { length: 40 },
    (_, i) => `${(T0 + i * H) * 1000},${60000 + i},${i * 1000},${i * 10}`,
  );
  const lines = ['time,price,long_liq_usd,short_liq_usd', ...good.slice(0, 5), '0,1,2,3', ...good.slice(5)];
  lines.splice(30, 0, '253402297200000,1,2,3'); // 9999-12-31T23:00:00Z
  const text = `${lines.join('\n')}\n`;

  it('a 0 and a year-9999 value among 40 good rows: the column is still found, 40 rows import, two lines named', () => {
    const s = sniff(text, 'odd.csv');
    expect(s.mapping?.timeColumn).toBe(0);
    expect(s.mapping?.timeUnit).toBe('unix_ms');
    expect(s.mapping?.interval).toBe('1hour');
    const m = s.mapping;
    if (!m) throw new Error(s.unsure.join('; '));
    const b = importText(text, { format: 'generic', mapping: m }, T0 + 100 * H);
    expect(b.fatal).toBeNull();
    expect(b.series.get('liq|CSV_AGG_ODD|1hour')?.n).toBe(40);
    expect(b.rejected).toEqual([
      { line: 7, reason: 'time 1970-01-01T00:00:00Z is before 2010-01-01 (timestamp "0")' },
      {
        line: 31,
        reason: 'time 9999-12-31T23:00:00Z is more than a day in the future (timestamp "253402297200000")',
      },
    ]);
  });

  it('a column that is mostly not timestamps is not taken for one', () => {
    const mostlyText = [
      'when,long_usd,short_usd',
      '1722470400,1,2',
      'soon,1,2',
      'later,1,2',
      'never,1,2',
    ].join('\n');
    const s = sniff(mostlyText, 'x.csv');
    expect(s.mapping).toBeNull();
    expect(s.unsure[0]).toMatch(/^no timestamp column found/);
  });
});

describe('empty and header-only files get their own messages', () => {
  it('an empty file (or only a BOM and blank lines)', () => {
    for (const text of ['', '\uFEFF', '\n\n  \n']) {
      const s = sniff(text, 'empty.csv');
      expect(s.mapping).toBeNull();
      expect(s.unsure).toEqual(['the file is empty: no header and no rows']);
    }
    expect(importText('', { format: 'archive' }).fatal).toBe('the file is empty: no header and no rows');
  });

  it('a header row and nothing else (generic, archive)', () => {
    for (const text of [
      'timestamp,price_open,liquidation_long_usd,liquidation_short_usd\n',
      ARCHIVE_HEADER,
    ]) {
      const s = sniff(text, 'header.csv');
      expect(s.mapping).toBeNull();
      expect(s.unsure).toEqual(['the file has a header row but no data rows (nothing to import)']);
    }
    expect(importText(`${ARCHIVE_HEADER}\n`, { format: 'archive' }).fatal).toBe(
      'the file has a header row but no data rows (nothing to import)',
    );
  });

  it('a header and one row without a final line break is not mistaken for header-only', () => {
    const s = sniff(`timestamp,long_usd,short_usd\n${T0 * 1000},1,2`, 'one.csv');
    expect(s.mapping?.pairs).toHaveLength(1);
  });
});
