import { describe, expect, it } from 'vitest';
import {
  checkedCandleRow,
  checkedLiqRow,
  checkHistory,
  MalformedHistory,
} from '../../../src/core/history-check';

const req = { symbols: ['A.A', 'B.A'], step: 60, from: 6000, to: 6300 };
const liq = (t: number, l = 1, s = 2) => ({ t, l, s });

function reason(body: unknown): { message: string; symbols: readonly string[] } {
  try {
    checkHistory(body, checkedLiqRow, req);
  } catch (e) {
    if (e instanceof MalformedHistory) return { message: e.message, symbols: e.symbols };
    throw e;
  }
  throw new Error('accepted');
}

describe('checkHistory', () => {
  it('accepts a well-formed answer and reports requested symbols it left out', () => {
    const r = checkHistory([{ symbol: 'A.A', history: [liq(6000), liq(6240)] }], checkedLiqRow, req);
    expect(r.rows.get('A.A')).toHaveLength(2);
    expect(r.absent).toEqual(['B.A']);
  });

  it('an empty history is an answer (no liquidations), not an absence', () => {
    const r = checkHistory(
      [
        { symbol: 'A.A', history: [] },
        { symbol: 'B.A', history: [] },
      ],
      checkedLiqRow,
      req,
    );
    expect(r.absent).toEqual([]);
  });

  it('refuses points off the grid, outside [from, to), in milliseconds, negative or non-finite, naming the symbol', () => {
    expect(reason([{ symbol: 'B.A', history: [liq(6007)] }])).toEqual({
      message: 'B.A: timestamp 6007 is off the 60 s grid',
      symbols: ['B.A'],
    });
    expect(reason([{ symbol: 'A.A', history: [liq(6300)] }]).message).toMatch(
      /outside the requested \[6000, 6300\)/,
    );
    expect(reason([{ symbol: 'A.A', history: [liq(5940)] }]).message).toMatch(/outside/);
    expect(reason([{ symbol: 'A.A', history: [liq(6_000_000_000_000)] }]).message).toMatch(/milliseconds/);
    expect(reason([{ symbol: 'A.A', history: [liq(6000, -5)] }]).message).toMatch(/negative/);
    expect(reason([{ symbol: 'A.A', history: [{ t: 6000, l: null, s: 1 }] }]).message).toMatch(/l is null/);
    expect(reason([{ symbol: 'A.A', history: [liq(6000), liq(6000)] }]).message).toMatch(/appears twice/);
  });

  it('an answer it cannot pin on one symbol blames every requested symbol', () => {
    expect(reason({ message: 'oops' }).symbols).toEqual(['A.A', 'B.A']);
    expect(reason([{ symbol: 'C.A', history: [] }]).message).toBe('C.A was not asked for');
    expect(reason([{ history: [] }]).symbols).toEqual(['A.A', 'B.A']);
  });

  it('checks candles for order and sign', () => {
    const c = (o: number, h: number, l: number, cl: number, v = 1) => ({ t: 6000, o, h, l, c: cl, v });
    const ok = checkHistory([{ symbol: 'A.A', history: [c(10, 12, 9, 11)] }], checkedCandleRow, req);
    expect(ok.rows.get('A.A')?.[0]?.h).toBe(12);
    for (const bad of [c(10, 9, 8, 11), c(10, 12, 11, 11), c(10, 12, 0, 11), c(10, 12, 9, 11, -1)]) {
      expect(() => checkHistory([{ symbol: 'A.A', history: [bad] }], checkedCandleRow, req)).toThrow(
        /inconsistent candle/,
      );
    }
  });
});
