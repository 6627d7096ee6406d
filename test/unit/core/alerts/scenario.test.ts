/**
 * A scripted live session: the compute result grows bar by bar (every tab recomputes the whole history on
 * each bar), and the rules + gates + enqueue must queue exactly the qualifying events and touches, once each,
 * respecting cooldown, mute and quiet hours.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { planAlerts, silencedBy } from '../../../../src/core/alerts/plan';
import type { AlertInput } from '../../../../src/core/alerts/rules';
import type { Level, LevelTouch, SpikeEvent } from '../../../../src/core/events';
import { enqueueAlert, recentAlerts } from '../../../../src/storage/alert-repo';
import { openLiqLabDb } from '../../../../src/storage/open';
import { level, rules, spike, touch } from './fixtures';

const H = 3600;
const T0 = 1_722_816_000;
const sup = level(60_000);
const script: Array<{ bar: number; event?: SpikeEvent; touch?: LevelTouch }> = [
  { bar: 1, event: spike(T0 + H, { side: 'long' }) }, // alert
  { bar: 2, event: spike(T0 + 2 * H, { side: 'long' }) }, // same bucket 1 h later: inside the 30 min? no → alert
  { bar: 3, event: spike(T0 + 3 * H + 900, { side: 'long', timeframe: '15m' }) }, // other timeframe: alert
  { bar: 4, event: spike(T0 + 4 * H, { side: 'short', usd: 100 }) }, // too small
  { bar: 5, touch: touch(sup, T0 + 5 * H, 60_010) }, // alert
  { bar: 6, touch: touch(sup, T0 + 6 * H, 59_990, 2) }, // same level within 120 min cooldown: silent
  { bar: 9, touch: touch(sup, T0 + 9 * H, 60_000, 3) }, // cooldown over: alert
];

async function session(r = rules(), tzOffset = 0): Promise<string[]> {
  const db = await openLiqLabDb(`scenario-${Math.random()}`);
  const events: SpikeEvent[] = [];
  const touches: LevelTouch[] = [];
  const levels: Level[] = [sup];
  for (let bar = 1; bar <= 10; bar++) {
    for (const s of script.filter((x) => x.bar === bar)) {
      if (s.event) events.push(s.event);
      if (s.touch) touches.push(s.touch);
    }
    const nowSec = T0 + (bar + 1) * H + 60;
    for (const tf of ['1h', '15m'] as const) {
      const input: AlertInput = {
        asset: 'BTC',
        timeframe: tf,
        contracts: 'all',
        events: events.filter((e) => e.timeframe === tf),
        levels: tf === '1h' ? levels : [],
        touches: tf === '1h' ? touches : [],
        nowSec,
      };
      // Two tabs feed the same result.
      for (let tab = 0; tab < 2; tab++) {
        for (const c of planAlerts(input, r, nowSec * 1000, tzOffset)) {
          await enqueueAlert(db, {
            key: c.key,
            cooldownKey: c.cooldownKey,
            cooldownMs: c.cooldownMs,
            nowMs: nowSec * 1000,
            payload: { kind: c.kind, title: c.key, html: '', time: 0 },
          });
        }
      }
    }
  }
  const log = await recentAlerts(db);
  db.close();
  return log.map((x) => x.id).sort();
}

describe('scripted scenario', () => {
  it('queues exactly the qualifying events and touches, once each', async () => {
    const r = rules();
    r.spikes.timeframes = ['15m', '1h'];
    expect(await session(r)).toEqual(
      [
        `BTC:spike:1h:long:${T0 + H}`,
        `BTC:spike:1h:long:${T0 + 2 * H}`,
        `BTC:spike:15m:long:${T0 + 3 * H + 900}`,
        `BTC:touch:1h:support:1000:${T0 + 5 * H}`,
        `BTC:touch:1h:support:1000:${T0 + 9 * H}`,
      ].sort(),
    );
  });

  it('a spike cooldown longer than the gap silences the second spike for good', async () => {
    const r = rules();
    r.spikes.cooldownMin = 90;
    r.spikes.timeframes = ['1h'];
    const ids = await session(r);
    expect(ids.filter((k) => k.startsWith('BTC:spike:'))).toEqual([`BTC:spike:1h:long:${T0 + H}`]);
  });

  it('queues nothing while muted or in quiet hours', async () => {
    expect(await session(rules({ muted: true }))).toEqual([]);
    const allDay = rules({ quietHours: { enabled: true, startMin: 0, endMin: 1439 } });
    expect(silencedBy(allDay, Date.UTC(2024, 7, 5, 12), 0)).toBe('quiet hours');
    // The scenario runs 01:00–11:00 UTC; quiet 00:00–12:00 in UTC+0 silences it, in UTC-14 it does not.
    const morning = rules({ quietHours: { enabled: true, startMin: 0, endMin: 720 } });
    expect(await session(morning, 0)).toEqual([]);
    expect((await session(morning, 14 * 60)).length).toBeGreaterThan(0);
  });
});
