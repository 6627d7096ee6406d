import { describe, expect, it } from 'vitest';
import { assertPointsOnGrid } from '../../../src/storage/write-check';

describe('a series write refuses a point off its range or grid', () => {
  const write = (t: number) => [{ symbol: 'A1', from: 600, to: 1200, points: [{ t: 600 }, { t }] }];

  it('accepts points on the grid inside [from, to)', () => {
    expect(() => assertPointsOnGrid(write(1140), '1min')).not.toThrow();
  });

  it('names the series, the point and the range', () => {
    expect(() => assertPointsOnGrid(write(1200), '1min')).toThrow(
      new RangeError('A1 1min: t=1200 outside [600, 1200) or off grid'),
    );
    expect(() => assertPointsOnGrid(write(540), '1min')).toThrow(/t=540 outside/);
    expect(() => assertPointsOnGrid(write(630), '1min')).toThrow(/t=630 outside .* or off grid/);
    expect(() => assertPointsOnGrid(write(750), '5min', 'oi')).toThrow(
      new RangeError('oi A1 5min: t=750 outside [600, 1200) or off grid'),
    );
  });
});
