import { describe, expect, it } from 'vitest';
import type { DataChanged } from '../../../src/core/notices';
import { forgetChanges, recordChange, takeChanges } from '../../../src/ui/data/change-log';

const notice = (db: 'archive' | 'demo', from: number): DataChanged => ({
  type: 'data-changed',
  db,
  kind: 'liq',
  interval: '1min',
  symbols: ['BTCUSDT_PERP.A'],
  from,
  to: from + 120,
});

describe('change log', () => {
  it('hands each source its own changes once, and null (read everything) after a forget', () => {
    takeChanges('archive');
    takeChanges('demo');
    recordChange(notice('archive', 600));
    recordChange(notice('demo', 60));
    recordChange(notice('archive', 720));
    expect(takeChanges('archive')).toEqual([
      { from: 600, to: 720, kind: 'liq', interval: '1min', symbols: ['BTCUSDT_PERP.A'] },
      { from: 720, to: 840, kind: 'liq', interval: '1min', symbols: ['BTCUSDT_PERP.A'] },
    ]);
    expect(takeChanges('archive')).toEqual([]);
    expect(takeChanges('demo')).toHaveLength(1);
    forgetChanges('archive');
    recordChange(notice('archive', 900));
    expect(takeChanges('archive')).toBeNull();
    expect(takeChanges('archive')).toEqual([]);
  });

  it('keeps one span from the earliest change to the latest when a long hidden stretch piles up notices', () => {
    takeChanges('archive');
    const froms = Array.from({ length: 300 }, (_, i) => 6000 - i * 60 + (i % 2) * 1e4);
    for (const from of froms) recordChange(notice('archive', from));
    const log = takeChanges('archive') ?? [];
    expect(log.length).toBeLessThanOrEqual(256);
    expect(Math.min(...log.map((c) => c.from))).toBe(Math.min(...froms));
    expect(Math.max(...log.map((c) => c.to))).toBe(Math.max(...froms) + 120);
  });
});
