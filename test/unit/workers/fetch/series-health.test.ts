import { describe, expect, it } from 'vitest';
import { SET_ASIDE_MS, SeriesHealth } from '../../../../src/workers/fetch/series-health';
import { StatusNotes } from '../../../../src/workers/fetch/status-notes';

describe('SeriesHealth', () => {
  it('delays a series after a bad answer, sets it aside after three, and says which one', () => {
    const h = new SeriesHealth();
    const key = 'liq|BTCUSDT_PERP.A|1min';
    h.bad(key, 'timestamp 7 is off the 60 s grid', 0);
    expect(h.ready(key, 4_999)).toBe(false);
    expect(h.ready(key, 5_000)).toBe(true);
    expect(h.note(5_000)).toBeNull();
    h.bad(key, 'again', 5_000);
    expect(h.ready(key, 14_999)).toBe(false);
    h.bad(key, 'timestamp 7 is off the 60 s grid', 15_000);
    expect(h.ready(key, 15_000 + SET_ASIDE_MS - 1)).toBe(false);
    expect(h.note(15_000)).toBe('Paused BTCUSDT_PERP.A 1min for 30 min: timestamp 7 is off the 60 s grid');
    // The note goes when the pause does, and a good answer clears the record.
    expect(h.note(15_000 + SET_ASIDE_MS)).toBeNull();
    h.good(key);
    expect(h.ready(key, 0)).toBe(true);
  });

  it('is held back from being set aside (or refused) until a good answer, its retries included', () => {
    const h = new SeriesHealth();
    const key = 'funding|X.A|1hour';
    h.bad(key, 'the answer left it out', 0);
    h.bad(key, 'the answer left it out', 5_000);
    expect(h.heldBack(key)).toBe(false);
    h.bad(key, 'the answer left it out', 15_000);
    expect(h.heldBack(key)).toBe(true);
    // Retried after the pause and left out again: still held back, not waited for at each retry, and the status
    // line stays (it does not blink out for the seconds of each retry).
    h.bad(key, 'the answer left it out', 15_000 + SET_ASIDE_MS);
    expect(h.heldBack(key)).toBe(true);
    expect(h.note(15_000 + SET_ASIDE_MS)).toBe('Paused X.A 1hour for 1 min: the answer left it out');
    h.good(key);
    expect(h.heldBack(key)).toBe(false);
    h.refused('oi|Y.A|5min', 'Coinalyze refused it (bad symbol)', 0);
    expect(h.heldBack('oi|Y.A|5min')).toBe(true);
  });

  it('other series are never held back by one that keeps failing', () => {
    const h = new SeriesHealth();
    for (let i = 0; i < 10; i++) h.bad('liq|X.A|1min', 'broken', i * 60_000);
    expect(h.ready('liq|Y.A|1min', 0)).toBe(true);
  });
});

describe('StatusNotes', () => {
  it('rebuilds the line from its causes: a rate limit ends with its deadline, others when cleared', () => {
    const n = new StatusNotes();
    expect(n.text(0, 0, null)).toBeNull();
    n.set('network', 'Offline: no answer');
    expect(n.text(1_000, 6_000, null)).toBe('Offline: no answer · Rate limited by Coinalyze: waiting 5 s');
    expect(n.text(6_000, 6_000, null)).toBe('Offline: no answer');
    n.clear('network');
    expect(n.text(7_000, 6_000, 'Paused X 1min for 3 min: bad')).toBe('Paused X 1min for 3 min: bad');
  });
});
