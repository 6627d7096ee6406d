import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError, parseCsv } from '../../../../src/core/csv/parser';

const spectrum = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));

function toObjects(rows: string[][]): Record<string, string>[] {
  const [header = [], ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function parseInChunks(text: string, size: number): string[][] {
  const rows: string[][] = [];
  const p = new CsvParser((row) => rows.push(row.toArray()));
  for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
  p.end();
  return rows;
}

describe('csv-spectrum', () => {
  for (const file of readdirSync(join(spectrum, 'csvs'))) {
    const name = file.replace(/\.csv$/, '');
    it(`${name} parses to its expected JSON`, () => {
      const text = readFileSync(join(spectrum, 'csvs', file), 'utf8');
      const json = JSON.parse(readFileSync(join(spectrum, 'json', `${name}.json`), 'utf8'));
      const expected = Array.isArray(json) ? json : [json];
      const got = toObjects(parseCsv(text));
      if (name === 'location_coordinates') {
        // The package's own CSV and JSON disagree on the phone number; every other cell must match.
        expect(got[0]?.['Location Coordinates']).toBe(expected[0]['Location Coordinates']);
        expect(got[0]?.Cities).toBe('Modesto');
        return;
      }
      expect(got).toEqual(expected);
      for (const size of [1, 2, 7]) expect(toObjects(parseInChunks(text, size))).toEqual(expected);
    });
  }
});

describe('CsvParser edge cases', () => {
  it('strips a BOM, accepts CRLF and skips trailing blank lines', () => {
    expect(parseCsv('\uFEFFa,b\r\n1,2\r\n\r\n\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('keeps quoted newlines and counts them as lines', () => {
    const lines: number[] = [];
    const p = new CsvParser((r) => lines.push(r.line));
    p.push('a,b\n"x\ny",1\n\nz,2');
    p.end();
    expect(lines).toEqual([1, 2, 5]);
  });
  it('unescapes doubled quotes and keeps empty quoted fields', () => {
    expect(parseCsv('"a ""q""",""\n')).toEqual([['a "q"', '']]);
  });
  it('reports an unterminated quote with its line', () => {
    expect(() => parseCsv('a\nb\n"never closed\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\nb\n"never closed\n')).toThrow('line 3');
  });
  it('other delimiters', () => {
    expect(parseCsv('a;b\n1;"2;3"', ';')).toEqual([
      ['a', 'b'],
      ['1', '2;3'],
    ]);
  });
  it('reads exact numbers', () => {
    const got: number[] = [];
    const p = new CsvParser((r) => {
      for (let i = 0; i < r.count; i++) got.push(r.number(i));
    });
    p.push('0.1,-2.5,1e3,,abc,0x10,123456789012345678,"7.25",1.\n');
    p.end();
    expect(got).toEqual([
      0.1,
      -2.5,
      1000,
      Number.NaN,
      Number.NaN,
      Number.NaN,
      Number('123456789012345678'),
      7.25,
      1,
    ]);
  });
  it('round-trips any table through quoting, in any chunking (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (table, size) => {
          const text = table.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\n');
          expect(parseInChunks(text, size)).toEqual(table);
        },
      ),
    );
  });
  it('numbers match Number() for shortest round-trip doubles (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const p = new CsvParser((r) =>
          expect(Object.is(r.number(0), x === 0 ? x : Number(String(x)))).toBe(true),
        );
        p.push(`${Object.is(x, -0) ? '-0' : String(x)}\n`);
        p.end();
      }),
    );
  });
});

describe('isoSeconds', () => {
  it('matches Date.toISOString for any whole second (property)', async () => {
    const { isoSeconds } = await import('../../../../src/core/csv/format');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), (t) => {
        expect(isoSeconds(t)).toBe(`${new Date(t * 1000).toISOString().slice(0, 19)}Z`);
      }),
    );
  });
});
