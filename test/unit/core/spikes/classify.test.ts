import { describe, expect, it } from 'vitest';
import { buildEvent, classifyEvent, type SeriesScores } from '../../../../src/core/spikes/classify';
import { detectSpikes } from '../../../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS } from '../../../../src/core/spikes/params';
import { randomFrame, SHORT_STREAM_SPIKES } from '../../../helpers/random-frame';

const P = DEFAULT_SPIKE_PARAMS;

describe('event class uses the Hawkes-lite p_bg (statistics.md §1.4)', () => {
  it('a cold-heat event with p_bg < 0.3 is a continuation, with p_bg ≥ 0.3 or NaN an onset', () => {
    expect(classifyEvent(2.5, Number.NaN, 0, P, 0.29)).toBe('continuation');
    expect(classifyEvent(2.5, Number.NaN, 0, P, 0.3)).toBe('onset');
    expect(classifyEvent(2.5, Number.NaN, 0, P, Number.NaN)).toBe('onset');
    expect(classifyEvent(2.5, Number.NaN, 0, P)).toBe('onset');
  });

  it('the cut-off is the continuationPBg parameter; 0 turns the rule off', () => {
    expect(classifyEvent(2.5, Number.NaN, 0, { ...P, continuationPBg: 0.5 }, 0.4)).toBe('continuation');
    expect(classifyEvent(2.5, Number.NaN, 0, { ...P, continuationPBg: 0 }, 0.01)).toBe('onset');
  });

  it('extreme and seasonal still come first', () => {
    expect(classifyEvent(2.5, 1e-4, 0, P, 0.1)).toBe('extreme');
    expect(classifyEvent(1.5, Number.NaN, 0, P, 0.1)).toBe('seasonal');
  });

  it('buildEvent reads p_bg at the event’s first bar', () => {
    const frame = randomFrame(6, 3);
    const n = 6;
    const scores: SeriesScores = {
      z: new Float64Array(n).fill(2.5),
      zRaw: new Float64Array(n).fill(2.5),
      pEmp: new Float64Array(n).fill(0.005),
      pTail: new Float64Array(n).fill(Number.NaN),
      pBg: Float64Array.from([0.9, 0.9, 0.2, 0.9, 0.9, 0.9]),
      spike: Uint8Array.from([0, 0, 1, 1, 0, 0]),
    };
    const heat = new Float64Array(n);
    const ev = buildEvent(frame, '1h', 'long', { first: 2, last: 3 }, scores, heat, P);
    expect(ev.pBg).toBe(0.2);
    expect(ev.eventClass).toBe('continuation');
    const later = buildEvent(frame, '1h', 'long', { first: 3, last: 3 }, scores, heat, P);
    expect(later.pBg).toBe(0.9);
    expect(later.eventClass).toBe('onset');
  });

  it('on a detected frame, every non-extreme, non-seasonal event with p_bg below the cut-off is a continuation', () => {
    const d = detectSpikes(randomFrame(3000, 11), '1h', { ...SHORT_STREAM_SPIKES, continuationPBg: 0.6 });
    const low = d.events.filter((e) => e.eventClass !== 'extreme' && e.eventClass !== 'seasonal');
    const pBgLow = low.filter((e) => (e.pBg ?? 1) < 0.6);
    expect(pBgLow.length).toBeGreaterThan(0);
    for (const e of pBgLow) expect(e.eventClass).toBe('continuation');
    for (const e of low) expect(e.pBg).toBe(d[e.side].pBg[e.firstIndex]);
  });
});
