import { describe, expect, it } from 'vitest';
import {
  buildEvent,
  type ClassInputs,
  classifyEvent,
  type SeriesScores,
} from '../../../../src/core/spikes/classify';
import { detectSpikes } from '../../../../src/core/spikes/detect';
import { DEFAULT_SPIKE_PARAMS, extremeTailP } from '../../../../src/core/spikes/params';
import { randomFrame, SHORT_STREAM_SPIKES } from '../../../helpers/random-frame';

const P = DEFAULT_SPIKE_PARAMS;
/** A plain event: no tail p, not ordinary for its hour, cold heat, background p_bg, no jump. */
const base: ClassInputs = {
  minPTail: Number.NaN,
  extremeP: extremeTailP(P, 3600),
  ordinaryForHour: false,
  heatZ: 0,
  pBg: 0.9,
  jump: 3,
};

describe('event labels (docs/method.md)', () => {
  it('extreme is the long-window tail p at or below the cut-off, before everything else', () => {
    const cut = base.extremeP;
    expect(classifyEvent({ ...base, minPTail: cut, ordinaryForHour: true, pBg: 0.01, heatZ: 3 }, P)).toBe(
      'extreme',
    );
    expect(classifyEvent({ ...base, minPTail: cut * 1.01 }, P)).toBe('onset');
  });

  it('the cut-off is one bar in extremeReturnDays, never above the spike p threshold', () => {
    expect(extremeTailP(P, 3600)).toBeCloseTo(1 / (24 * P.extremeReturnDays), 15);
    expect(extremeTailP(P, 900)).toBeCloseTo(1 / (96 * P.extremeReturnDays), 15);
    expect(extremeTailP(P, 86400)).toBe(P.pThreshold);
  });

  it('seasonal only when ordinary for its hour of day over the long window', () => {
    expect(classifyEvent({ ...base, ordinaryForHour: true }, P)).toBe('seasonal');
    expect(classifyEvent({ ...base, ordinaryForHour: false }, P)).toBe('onset');
  });

  it('a first bar ≥ onsetJump × the recent level is an onset whatever heat and p_bg say', () => {
    const hot = { ...base, heatZ: 2.5, pBg: 0.05 };
    expect(classifyEvent({ ...hot, jump: 9.9 }, P)).toBe('continuation');
    expect(classifyEvent({ ...hot, jump: 10 }, P)).toBe('onset');
    expect(classifyEvent({ ...hot, jump: Number.POSITIVE_INFINITY }, P)).toBe('onset');
    expect(classifyEvent({ ...hot, jump: 50 }, { ...P, onsetJump: 0 })).toBe('continuation');
  });

  it('p_bg below the cut-off makes a cold-heat event a continuation; 0 turns the rule off', () => {
    expect(classifyEvent({ ...base, pBg: 0.29 }, P)).toBe('continuation');
    expect(classifyEvent({ ...base, pBg: 0.3 }, P)).toBe('onset');
    expect(classifyEvent({ ...base, pBg: Number.NaN }, P)).toBe('onset');
    expect(classifyEvent({ ...base, pBg: 0.4 }, { ...P, continuationPBg: 0.5 })).toBe('continuation');
    expect(classifyEvent({ ...base, pBg: 0.01 }, { ...P, continuationPBg: 0 })).toBe('onset');
  });

  it('heat z at or above onsetHeatZ is a continuation, below (or unknown) an onset', () => {
    expect(classifyEvent({ ...base, heatZ: 1 }, P)).toBe('continuation');
    expect(classifyEvent({ ...base, heatZ: 0.99 }, P)).toBe('onset');
    expect(classifyEvent({ ...base, heatZ: Number.NaN }, P)).toBe('onset');
  });

  it('buildEvent reads p_bg and the jump at the first bar, the rarest tail p and every spike bar’s hour rank', () => {
    const frame = randomFrame(6, 3);
    const n = 6;
    const scores: SeriesScores = {
      z: new Float64Array(n).fill(2.5),
      zRaw: new Float64Array(n).fill(2.5),
      pEmp: new Float64Array(n).fill(0.005),
      pTail: Float64Array.from([Number.NaN, Number.NaN, 0.01, 0.004, Number.NaN, Number.NaN]),
      pBg: Float64Array.from([0.9, 0.9, 0.2, 0.9, 0.9, 0.9]),
      jump: Float64Array.from([1, 1, 2, 30, 1, 1]),
      ordinaryHour: Uint8Array.from([0, 0, 1, 0, 1, 0]),
      spike: Uint8Array.from([0, 0, 1, 1, 1, 0]),
    };
    const heat = new Float64Array(n);
    const ev = buildEvent(frame, '1h', 'long', { first: 2, last: 3 }, scores, heat, P, (i) => i);
    expect(ev.pBg).toBe(0.2);
    expect(ev.minPTail).toBe(0.004);
    expect(ev.longBars).toBe(3); // bars before the rarest bar (3), all covered
    expect(ev.eventClass).toBe('continuation'); // p_bg 0.2, jump 2 at the first bar; bar 3 is not ordinary
    const later = buildEvent(frame, '1h', 'long', { first: 3, last: 3 }, scores, heat, P, (i) => i);
    expect(later.eventClass).toBe('onset'); // jump 30
    const seasonal = buildEvent(frame, '1h', 'long', { first: 4, last: 4 }, scores, heat, P, (i) => i);
    expect(seasonal.eventClass).toBe('seasonal');
  });

  it('on a detected frame, every non-extreme, non-seasonal event with p_bg below the cut-off and no jump is a continuation', () => {
    const d = detectSpikes(randomFrame(3000, 11), '1h', { ...SHORT_STREAM_SPIKES, continuationPBg: 0.6 });
    const low = d.events.filter((e) => e.eventClass !== 'extreme' && e.eventClass !== 'seasonal');
    const pBgLow = low.filter((e) => (e.pBg ?? 1) < 0.6 && (d[e.side].jump[e.firstIndex] ?? 0) < 10);
    expect(pBgLow.length).toBeGreaterThan(0);
    for (const e of pBgLow) expect(e.eventClass).toBe('continuation');
    for (const e of low) expect(e.pBg).toBe(d[e.side].pBg[e.firstIndex]);
  });
});
