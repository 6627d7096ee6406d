import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  archiveCandleTail,
  archiveLiqTail,
  archivePrefix,
  writeCandleRow,
  writeLiqRow,
} from '../../../../src/core/csv/archive';
import {
  archiveContextPrefix,
  archiveContextTail,
  writeContextRow,
} from '../../../../src/core/csv/archive-context';
import { type BarRow, barLine, writeBarRow } from '../../../../src/core/csv/bars';
import { formatNumber, isoSeconds, utcLabel } from '../../../../src/core/csv/format';
import { CsvWriter } from '../../../../src/core/csv/writer';

/** Runs `fill` on a fresh writer and returns everything it wrote, decoded. */
async function written(fill: (w: CsvWriter) => void): Promise<string> {
  const parts: Uint8Array[] = [];
  const w = new CsvWriter(async (b) => {
    parts.push(b);
  });
  fill(w);
  await w.flush();
  return Buffer.concat(parts).toString('utf8');
}

/** Doubles of every shape: arbitrary bits, integers, prices and amounts with a few decimals, tiny and huge. */
const anyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.maxSafeInteger(),
  fc.tuple(fc.integer({ min: 0, max: 2 ** 53 }), fc.integer({ min: 0, max: 9 })).map(([n, k]) => n / 10 ** k),
  fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 8 })).map(([n, k]) => -n / 10 ** k),
  fc.double({ min: 1e-9, max: 1e-5 }),
  fc.double({ min: 2 ** 48, max: 2 ** 56 }),
  fc.constantFrom(0, -0, 0.1, 0.3, 1e21, 1e-7, 2 ** 51 - 0.5, 123456.78, 0.1 + 0.2),
);

describe('CsvWriter', () => {
  it('writes every number exactly as the shortest round-trip formatter (String) does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyNumber, { maxLength: 200 }), async (xs) => {
        const text = await written((w) => {
          for (const x of xs) {
            w.number(x);
            w.newline();
          }
        });
        expect(text).toBe(xs.map((x) => `${formatNumber(x)}\n`).join(''));
      }),
      { numRuns: 500 },
    );
  }, 30_000); // property tests: seconds on a loaded two-core machine

  it('writes dates and any Unicode text byte-identically to the plain formatters and TextEncoder', async () => {
    const t = fc.integer({ min: 0, max: 4_102_444_800 });
    await fc.assert(
      fc.asyncProperty(t, fc.string({ unit: 'binary' }), async (s, label) => {
        const text = await written((w) => {
          w.iso(s);
          w.label(s);
          w.text(label);
        });
        expect(Buffer.from(text)).toEqual(
          Buffer.from(new TextEncoder().encode(isoSeconds(s) + utcLabel(s) + label)),
        );
      }),
    );
  }, 30_000); // property tests: seconds on a loaded two-core machine

  it('archive (liquidation, candle, context) and bars rows equal the plain row formatters, across many pieces', async () => {
    const amount = fc.oneof(anyNumber.map(Math.abs), fc.constant(Number.NaN));
    const prefix = archivePrefix(
      'liq',
      { symbol: 'BTCUSD_PERP.0', exchange: '0', margined: 'COIN' },
      '1hour',
    );
    const context = archiveContextPrefix(
      'funding',
      { symbol: 'BTCUSDT_PERP.A', exchange: 'A', margined: 'STABLE' },
      '1hour',
    );
    const bar = fc.record<BarRow>({
      t: fc.integer({ min: 0, max: 4e9 }).map((t) => t - (t % 60)),
      open: amount,
      high: amount,
      low: amount,
      close: amount,
      volume: amount,
      long: amount,
      short: amount,
      coinLong: amount,
      coinShort: amount,
      stableLong: amount,
      stableShort: amount,
      zLong: anyNumber,
      zShort: anyNumber,
      event: fc.oneof(fc.constant(''), fc.string()),
      oi: amount,
      oiChange: fc.oneof(anyNumber, fc.constant(Number.NaN)),
      funding: fc.oneof(anyNumber, fc.constant(Number.NaN)),
      predicted: fc.oneof(anyNumber, fc.constant(Number.NaN)),
      bpOfOi: amount,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(bar, { maxLength: 50 }), async (bars) => {
        const p = CsvWriter.encode(prefix);
        const c = CsvWriter.encode(context);
        const text = await written((w) => {
          for (const b of bars) {
            writeLiqRow(w, p, b.t, b.long, b.short);
            writeCandleRow(w, p, b.t, b.open, b.high, b.low, b.close, b.volume);
            writeBarRow(w, CsvWriter.encode('1m'), b);
            writeContextRow(w, c, b.t, b.funding, b.oi, b.oiChange, b.predicted);
          }
        });
        const expected = bars.map(
          (b) =>
            prefix +
            archiveLiqTail(b.t, b.long, b.short) +
            prefix +
            archiveCandleTail(b.t, b.open, b.high, b.low, b.close, b.volume) +
            barLine('1m', b) +
            context +
            archiveContextTail(b.t, b.funding, b.oi, b.oiChange, b.predicted),
        );
        expect(text).toBe(expected.join(''));
      }),
      { numRuns: 200 },
    );
  });

  it('hands out large pieces and keeps rows whole when the buffer grows', async () => {
    const sizes: number[] = [];
    const w = new CsvWriter(async (b) => {
      sizes.push(b.byteLength);
    });
    for (let i = 0; i < 100_000; i++) {
      w.text('x'.repeat(20));
      w.newline();
      if (w.full) await w.flush();
    }
    await w.flush();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2_100_000);
    expect(sizes.slice(0, -1).every((s) => s >= 1 << 20)).toBe(true);
    expect(w.bytes).toBe(2_100_000);
  });

  it('refills a piece the sink hands back, and never touches one it keeps', async () => {
    // 3 MB of rows numbered so each piece's content can be checked after later pieces are written.
    const rows = (w: CsvWriter, from: number, to: number) => {
      for (let i = from; i < to; i++) {
        w.number(i);
        w.newline();
      }
    };
    const run = async (giveBack: boolean) => {
      const kept: string[] = [];
      const held: Uint8Array[] = [];
      const buffers = new Set<ArrayBufferLike>();
      const w = new CsvWriter(async (b) => {
        buffers.add(b.buffer);
        if (giveBack) {
          kept.push(Buffer.from(b).toString('latin1')); // "written to the file" before handing it back
          return b;
        }
        held.push(b); // decoded only at the end: later pieces must not have overwritten it
        return undefined;
      });
      for (let i = 0; i < 400_000; i += 1000) {
        rows(w, i, i + 1000);
        if (w.full) await w.flush();
      }
      await w.flush();
      for (const b of held) kept.push(Buffer.from(b).toString('latin1'));
      return { text: kept.join(''), buffers: buffers.size, pieces: kept.length };
    };
    const expected = Array.from({ length: 400_000 }, (_, i) => `${i}\n`).join('');
    const back = await run(true);
    const keep = await run(false);
    expect(back.text).toBe(expected);
    expect(keep.text).toBe(expected);
    expect(back.pieces).toBeGreaterThan(2);
    expect(back.buffers).toBe(1); // one buffer, filled again and again
    expect(keep.buffers).toBe(keep.pieces); // a fresh one for every piece it keeps
  });
});
