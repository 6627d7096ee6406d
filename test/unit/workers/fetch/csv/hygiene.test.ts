import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_HEADER } from '../../../../../src/core/csv/archive';
import { BARS_HEADER } from '../../../../../src/core/csv/bars';
import { marketFromSymbol } from '../../../../../src/core/csv/contracts';
import { sniff } from '../../../../../src/core/csv/detect';
import { parseCsv } from '../../../../../src/core/csv/parser';
import { importText } from '../../../../../src/core/csv/session';
import { writeLiqRange } from '../../../../../src/storage/series-repo';
import { dump, exportAll, freshDb, importInto } from './helpers';

const H = 3600;
/** 2024-08-01T00:00:00Z. */
const T0 = 1_722_470_400;
const NOW = T0 + 30 * 86_400;
const iso = (t: number) => `${new Date(t * 1000).toISOString().slice(0, 19)}Z`;
const liqRow = (symbol: string, exchange: string, t: number) =>
  `liq,1hour,${symbol},${exchange},STABLE,${iso(t)},${t},5,6,,,,,,,`;
const barRow = (t: number, tf = '1h') =>
  `${iso(t).replace('T', ' ').slice(0, 19)},${t},${tf},1,2,0.5,1.5,3,10,20,30,0,0,10,20,,,`;

describe('times outside [2010-01-01, now + 1 day] are rejected with their line, in every importer', () => {
  it('archive: a row at t = 0 refuses the file and names the line (coverage would span 1970 → now)', async () => {
    const text = [ARCHIVE_HEADER, liqRow('BTCUSDT_PERP.A', 'A', T0), liqRow('BTCUSDT_PERP.A', 'A', 0)].join(
      '\n',
    );
    const db = await freshDb();
    const before = await dump(db);
    const { batch, diff } = await importInto(db, text, { format: 'archive' });
    expect(batch.rejected).toEqual([
      { line: 3, reason: 'time 1970-01-01T00:00:00Z is before 2010-01-01 (unix 0)' },
    ]);
    expect(batch.fatal).toContain('first at line 3');
    expect(diff).toBeNull();
    expect(await dump(db)).toEqual(before);
  });

  it('archive: coverage reaching past tomorrow is refused', () => {
    const far = NOW + 10 * 86_400;
    const text = [ARCHIVE_HEADER, `coverage_liq,1hour,X.A,A,STABLE,${iso(T0)},${T0},,,,,,,,${far},`].join(
      '\n',
    );
    const b = importText(text, { format: 'archive' }, NOW);
    expect(b.rejected[0]?.line).toBe(2);
    expect(b.rejected[0]?.reason).toMatch(
      /^coverage ends too late: last bucket .* is more than a day in the future$/,
    );
  });

  it('bars: a row in the future, a row before 2010 and a row off the 1h grid are named; the rest imports', () => {
    const text = [
      BARS_HEADER,
      barRow(T0),
      barRow(NOW + 2 * 86_400),
      barRow(1_000_000_800),
      barRow(T0 + 1800),
      barRow(T0 + H),
    ].join('\n');
    const b = importText(text, { format: 'bars' }, NOW);
    expect(b.rejected).toEqual([
      {
        line: 3,
        reason: `time ${iso(NOW + 2 * 86_400)} is more than a day in the future (unix ${NOW + 2 * 86_400})`,
      },
      { line: 4, reason: 'time 2001-09-09T02:00:00Z is before 2010-01-01 (unix 1000000800)' },
      { line: 5, reason: `unix ${T0 + 1800} is not on the 1h grid (not a whole multiple of 3600 s)` },
    ]);
    expect(b.series.get('candle|BTCUSDT_PERP.A|1hour')?.n).toBe(2);
  });

  it('generic: the same rule, with the cell as written', () => {
    const text = ['time,long_usd,short_usd', `${T0},1,2`, '5,1,2', `${T0 + H},1,2`, `${T0 + 2 * H},1,2`].join(
      '\n',
    );
    const m = sniff(text, 'g.csv').mapping;
    if (!m) throw new Error('no mapping');
    const b = importText(text, { format: 'generic', mapping: m }, NOW);
    expect(b.rejected).toEqual([
      { line: 3, reason: 'time 1970-01-01T00:00:05Z is before 2010-01-01 (timestamp "5")' },
    ]);
  });
});

describe('archive symbols and exchange codes', () => {
  it('a symbol that is a spreadsheet formula, or an exchange code with a comma, is refused by line', () => {
    const text = [
      ARCHIVE_HEADER,
      liqRow('BTCUSDT_PERP.A', 'A', T0),
      liqRow('"=HYPERLINK(""http://evil"",""x"")"', 'A', T0),
      liqRow('BTCUSDT_PERP.A', '"A,B"', T0 + H),
      liqRow('@SUM(1)', 'A', T0 + H),
    ].join('\n');
    const b = importText(text, { format: 'archive' });
    expect(b.rejected).toEqual([
      { line: 3, reason: 'symbol "=HYPERLINK("http://evil","x")" starts with "=" (a spreadsheet formula)' },
      { line: 4, reason: 'exchange "A,B" contains a comma, quote or line break' },
      { line: 5, reason: 'symbol "@SUM(1)" starts with "@" (a spreadsheet formula)' },
    ]);
    expect(b.fatal).toContain('3 invalid line(s), first at line 3');
  });

  it('a market row whose meta names another exchange than its row is refused', () => {
    const m = marketFromSymbol('BTCUSDT_PERP.A');
    const meta = JSON.stringify({ ...m, exchange: '6' }).replaceAll('"', '""');
    const text = [ARCHIVE_HEADER, `market,,BTCUSDT_PERP.A,A,STABLE,,,,,,,,,,,"${meta}"`].join('\n');
    expect(importText(text, { format: 'archive' }).rejected).toEqual([
      { line: 2, reason: 'market meta does not describe the row symbol and exchange' },
    ]);
  });

  it('the export never writes a stored formula symbol raw (stored before validation existed)', async () => {
    const db = await freshDb();
    const evil = '=HYPERLINK("http://evil","x")';
    await db.put('markets', { ...marketFromSymbol('BTCUSDT_PERP.A'), symbol: evil, exchange: '+A' });
    await writeLiqRange(db, evil, '1hour', T0, T0 + H, [{ t: T0, l: 1, s: 2 }]);
    const text = await exportAll(db);
    for (const line of text.split('\n').slice(1, -1)) {
      const cells = parseCsv(line)[0] ?? [];
      for (const c of cells.slice(0, 5)) expect(c).not.toMatch(/^[=+\-@]/);
      expect(line).not.toMatch(/,[=+@]/);
    }
    expect(text).toContain(`'=HYPERLINK`);
    // Importing that file back refuses it by line instead of storing the name.
    const back = importText(text, { format: 'archive' });
    expect(back.fatal).toMatch(/first at line 2: /);
  });
});

describe('generic mapping names are validated too', () => {
  it('a contract typed as a formula refuses the import before any row is read', () => {
    const text = ['time,long_usd,short_usd', `${T0},1,2`].join('\n');
    const m = sniff(text, 'g.csv').mapping;
    if (!m) throw new Error('no mapping');
    const pairs = m.pairs.map((p) => ({ ...p, symbol: '=1+1' }));
    const b = importText(text, { format: 'generic', mapping: { ...m, pairs } });
    expect(b.fatal).toBe('the contract for "usd" "=1+1" starts with "=" (a spreadsheet formula)');
    expect(b.series.size).toBe(0);
  });
});

describe('an empty symbol or exchange', () => {
  it('is refused on every row, the first one included', () => {
    const text = [ARCHIVE_HEADER, liqRow('', 'A', T0), liqRow('X.A', '', T0)].join('\n');
    expect(importText(text, { format: 'archive' }).rejected).toEqual([
      { line: 2, reason: 'symbol is empty' },
      { line: 3, reason: 'exchange is empty' },
    ]);
  });
});
