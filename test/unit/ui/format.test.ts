import { describe, expect, it } from 'vitest';
import { formatAxisPrice, formatUsd } from '../../../src/ui/format/usd';

describe('number formats a trader reads', () => {
  it('prices get thousands separators and at most two decimals', () => {
    expect(formatAxisPrice(63000)).toBe('63,000');
    expect(formatAxisPrice(58936.1)).toBe('58,936.1');
    expect(formatAxisPrice(-0.4849)).toBe('-0.48');
  });

  it('USD amounts are compact', () => {
    expect(formatUsd(950)).toBe('$950');
    expect(formatUsd(12_340)).toBe('$12.3K');
    expect(formatUsd(-4_560_000)).toBe('-$4.56M');
    expect(formatUsd(1.2e9)).toBe('$1.20B');
  });
});
