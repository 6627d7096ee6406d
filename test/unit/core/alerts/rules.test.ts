import { describe, expect, it } from 'vitest';
import { cooldownOver, isQuiet, localMinutes, parseClock } from '../../../../src/core/alerts/gate';
import { buildDeepLink } from '../../../../src/core/alerts/link';
import { alertMessage } from '../../../../src/core/alerts/message';
import { evaluateRules } from '../../../../src/core/alerts/rules';
import { classifyTelegram } from '../../../../src/core/alerts/telegram-result';
import { parseViewState } from '../../../../src/core/view-url';
import { justAfter, level, rules, spike, spikeInput, touch } from './fixtures';

const H = 3600;
const T0 = 1_722_816_000; // 2024-08-05 00:00 UTC

describe('spike rules', () => {
  it('fire exactly on the qualifying events of a scripted sequence', () => {
    const events = [
      spike(T0, { side: 'long' }), // fires
      spike(T0 + H, { side: 'short', usd: 1_000_000 }), // too small
      spike(T0 + 2 * H, { eventClass: 'seasonal' }), // class filtered
      spike(T0 + 3 * H, { minPEmp: 0.2 }), // p too large
      spike(T0 + 4 * H, { timeframe: '1m' }), // timeframe filtered
      spike(T0 + 5 * H, { side: 'short', minPEmp: 0.5, minPTail: 0.001, eventClass: 'onset' }), // tail p ok
    ];
    const now = justAfter(T0 + 5 * H);
    // Only the last three bars are fresh, so T0's event is history; widen "now" per event instead.
    const fired = events.flatMap((e) =>
      evaluateRules(
        {
          asset: 'BTC',
          timeframe: '1h',
          contracts: 'all',
          events: [e],
          levels: [],
          touches: [],
          nowSec: justAfter(e.firstTime),
        },
        rules(),
      ).map((c) => c.key),
    );
    expect(fired).toEqual([`BTC:spike:1h:long:${T0}`, `BTC:spike:1h:short:${T0 + 5 * H}`]);
    const batch = evaluateRules(
      { asset: 'BTC', timeframe: '1h', contracts: 'all', events, levels: [], touches: [], nowSec: now },
      rules(),
    );
    expect(batch.map((c) => c.key)).toEqual([`BTC:spike:1h:short:${T0 + 5 * H}`]);
  });

  it('honour side, min z, contract filter and the master switch', () => {
    const e = spike(T0, { side: 'short', maxZ: 4 });
    const input = spikeInput([e], justAfter(T0), 'perp');
    const r = rules();
    expect(evaluateRules(input, { ...r, enabled: false })).toEqual([]);
    expect(evaluateRules(input, { ...r, spikes: { ...r.spikes, side: 'long' } })).toEqual([]);
    expect(evaluateRules(input, { ...r, spikes: { ...r.spikes, minZ: 5 } })).toEqual([]);
    expect(evaluateRules(input, { ...r, spikes: { ...r.spikes, contracts: 'stable' } })).toEqual([]);
    expect(evaluateRules(input, { ...r, spikes: { ...r.spikes, contracts: 'perp' } })).toHaveLength(1);
  });

  it('ignore history: an event older than the freshness window never alerts', () => {
    expect(evaluateRules(spikeInput([spike(T0)], T0 + 5 * H), rules())).toEqual([]);
  });
});

describe('touch rules', () => {
  it('fire on touches of strong levels within tolerance', () => {
    const sup = level(60_000);
    const weak = level(70_000, { id: '1h:resistance:2000', kind: 'resistance', strength: 0.2 });
    const touches = [
      touch(sup, T0, 60_050), // inside zone
      touch(sup, T0 + H, 60_200, 2), // 0.33% away, outside zone and tolerance
      touch(weak, T0 + H, 70_000), // too weak
    ];
    const out = evaluateRules(
      {
        asset: 'BTC',
        timeframe: '1h',
        contracts: '',
        events: [],
        levels: [sup, weak],
        touches,
        nowSec: justAfter(T0 + H),
      },
      rules(),
    );
    expect(out.map((c) => c.key)).toEqual([`BTC:touch:1h:support:1000:${T0}`]);
    const msg = alertMessage(out[0] as (typeof out)[0], 'https://app.test/');
    expect(msg.html).toContain('BTC support touched · 1h');
    expect(msg.html).toContain('+0.08% from level');
    expect(msg.html).toContain(`href="https://app.test/?asset=BTC&amp;tf=1h&amp;t=${T0}"`);
    const r = rules();
    const wide = { ...r, touches: { ...r.touches, tolerancePct: 0.5 } };
    const more = evaluateRules(
      {
        asset: 'BTC',
        timeframe: '1h',
        contracts: '',
        events: [],
        levels: [sup, weak],
        touches,
        nowSec: justAfter(T0 + H),
      },
      wide,
    );
    expect(more).toHaveLength(2);
  });
});

describe('gates', () => {
  it('quiet hours wrap midnight and respect the zone offset', () => {
    const q = { enabled: true, startMin: 23 * 60, endMin: 7 * 60 };
    const at = (h: number, m = 0) => Date.UTC(2024, 7, 5, h, m);
    expect(isQuiet(q, at(23, 30), 0)).toBe(true);
    expect(isQuiet(q, at(6, 59), 0)).toBe(true);
    expect(isQuiet(q, at(7, 0), 0)).toBe(false);
    expect(isQuiet(q, at(12), 0)).toBe(false);
    expect(isQuiet(q, at(21, 30), -120)).toBe(true); // UTC+2: 23:30 local
    expect(isQuiet({ ...q, enabled: false }, at(23, 30), 0)).toBe(false);
    expect(isQuiet({ enabled: true, startMin: 9 * 60, endMin: 17 * 60 }, at(12), 0)).toBe(true);
    expect(localMinutes(at(0, 10), 60)).toBe(23 * 60 + 10);
    expect(parseClock('07:30')).toBe(450);
    expect(parseClock('25:00')).toBeNull();
  });

  it('cooldown opens after exactly its length', () => {
    expect(cooldownOver(undefined, 60_000, 0)).toBe(true);
    expect(cooldownOver(1000, 60_000, 60_999)).toBe(false);
    expect(cooldownOver(1000, 60_000, 61_000)).toBe(true);
  });
});

describe('deep links and telegram results', () => {
  it('round-trip the link', () => {
    const url = buildDeepLink('https://x.app', 'BTC', T0, '4h');
    expect(url).toBe(`https://x.app/?asset=BTC&tf=4h&t=${T0}`);
    expect(parseViewState(url.slice(url.indexOf('?')))).toMatchObject({ time: T0, timeframe: '4h' });
    expect(parseViewState('?t=abc').time).toBeNull();
    expect(parseViewState('?t=5&tf=7q')).toMatchObject({ time: 5, timeframe: null });
  });

  it('classify the answers', () => {
    const r429 = classifyTelegram(
      429,
      { ok: false, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } },
      '1',
    );
    expect(r429).toEqual({ kind: 'retry', afterMs: 3000, reason: 'Too Many Requests: retry after 3' });
    expect(classifyTelegram(401, { ok: false, description: 'Unauthorized' }, null).kind).toBe('halt');
    expect(classifyTelegram(400, { ok: false, description: 'Bad Request: chat not found' }, null).kind).toBe(
      'halt',
    );
    expect(
      classifyTelegram(400, { ok: false, description: "Bad Request: can't parse entities" }, null).kind,
    ).toBe('reject');
    expect(classifyTelegram(502, null, null).kind).toBe('retry');
    expect(classifyTelegram(200, { ok: true, result: { message_id: 1 } }, null)).toEqual({
      kind: 'ok',
      result: { message_id: 1 },
    });
  });
});
