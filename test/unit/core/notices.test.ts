import { describe, expect, it } from 'vitest';
import { type FetchStatus, isNotice } from '../../../src/core/notices';

const status: FetchStatus = {
  state: 'live',
  callsUsed: 30,
  callsBudget: 40,
  backfill: null,
  lastUpdate: 1_780_000_000,
  message: null,
  intervals: null,
  completeAt: null,
};
const accepts = (extra: Record<string, unknown>) =>
  isNotice({ type: 'status', status: { ...status, ...extra } });

describe('status notice: the open interest and funding backfill', () => {
  it('accepts a count, null, and a status from a fetcher that does not send one', () => {
    expect(accepts({ contextBackfill: { done: 3, total: 56 } })).toBe(true);
    expect(accepts({ contextBackfill: { done: 0, total: 1 } })).toBe(true);
    expect(accepts({ contextBackfill: { done: 3, total: 56, paused: 2 } })).toBe(true);
    expect(accepts({ contextBackfill: null })).toBe(true);
    expect(accepts({})).toBe(true);
  });
  it('rejects a count the status bar could not show as done/total', () => {
    for (const bad of [
      { done: 3 },
      { total: 8 },
      { done: '3', total: 8 },
      { done: 9, total: 8 },
      { done: -1, total: 8 },
      { done: 1.5, total: 8 },
      { done: 0, total: 0 },
      { done: Number.NaN, total: 8 },
      { done: 7, total: 8, paused: 2 },
      { done: 3, total: 8, paused: -1 },
      { done: 3, total: 8, paused: 0.5 },
      { done: 3, total: 8, paused: '1' },
      3,
      'open interest 3/8',
      [3, 8],
    ])
      expect(accepts({ contextBackfill: bad }), JSON.stringify(bad)).toBe(false);
  });
});
