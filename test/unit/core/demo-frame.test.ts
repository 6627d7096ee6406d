import { describe, expect, it } from 'vitest';
import type { DemoAsset } from '../../../src/core/demo/asset';
import { demoFrame } from '../../../src/core/demo/frame';
import { unixSeconds } from '../../../src/core/time';

const H = 3600;
const f = (xs: number[]) => Float64Array.from(xs);
const asset: DemoAsset = {
  start: unixSeconds(21 * H), // 21:00, like the real demo: the first 4h bar (20:00) is only partly known
  step: H,
  open: f([1, 2, 3, 4, 5, 6, 7]),
  high: f([2, 3, 4, 5, 6, 7, 8]),
  low: f([0, 1, 2, 3, 4, 5, 6]),
  close: f([2, 3, 4, 5, 6, 7, 8]),
  volume: f([1, 1, 1, 1, 1, 1, 1]),
  longUsd: f([10, 20, 30, 40, 50, 60, 70]),
  shortUsd: f([1, 2, 3, 4, 5, 6, 7]),
  meta: { symbol: 'X', exchange: 'A', margined: 'STABLE', attribution: '', licence: '' },
  preview: null,
};

describe('demo preview frame', () => {
  it('is the asset itself at its own step, fully covered', () => {
    const fr = demoFrame(asset, H);
    expect(fr?.candles.close.length).toBe(7);
    expect(Array.from(fr?.liq.covered ?? [])).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('bins to coarser timeframes like the stored path: partly known bars are gaps, not short totals', () => {
    const fr = demoFrame(asset, 4 * H);
    expect(fr?.start).toBe(20 * H);
    expect(Array.from(fr?.liq.covered ?? [])).toEqual([0, 1]);
    expect(fr?.liq.long[1]).toBe(40 + 50 + 60 + 70);
  });

  it('cannot show timeframes finer than the asset', () => {
    expect(demoFrame(asset, 60)).toBeNull();
  });
});
