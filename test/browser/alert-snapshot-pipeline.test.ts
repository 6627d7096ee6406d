import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src/core/settings';
import { assetSettings, DEFAULT_SETTINGS } from '../../src/core/settings';
import { barX, snapshotLayout } from '../../src/core/snapshot/layout';
import { EVENT_CLASS_COLOURS, SNAPSHOT_PALETTE } from '../../src/core/snapshot/palette';
import { memoryBus } from '../../src/platform/notice-bus';
import { type AlertRecord, recentAlerts } from '../../src/storage/alert-repo';
import { realClock } from '../../src/workers/clock';
import { loadFrame } from '../../src/workers/compute/frame-loader';
import { AlertPipeline } from '../../src/workers/fetch/alerts/pipeline';
import { snapshotHook } from '../../src/workers/fetch/alerts/snapshot';
import { sendAlert } from '../../src/workers/fetch/alerts/telegram-client';
import { DEMO_SYMBOL, demoArchive } from './helpers/demo-archive';
import { findMoment } from './helpers/demo-moments';
import { blend, count, hex, pixelsOf } from './helpers/pixels';

/** Settings with spike alerts on 1h (touches off, so every queued alert is a spike) and the snapshot as given. */
function settings(snapshot: boolean): Settings {
  const a = DEFAULT_SETTINGS.alerts;
  const btc = assetSettings(DEFAULT_SETTINGS, 'BTC');
  return {
    ...DEFAULT_SETTINGS,
    telegram: { botToken: '123456:TEST-fake-token', chatId: '4242', apiBaseUrl: 'https://telegram.invalid' },
    alerts: { ...a, enabled: true, telegram: true, snapshot },
    assets: {
      live: ['BTC'],
      byAsset: {
        BTC: {
          ...btc,
          spikes: { ...btc.spikes, timeframes: ['1h'] },
          touches: { ...btc.touches, enabled: false },
        },
      },
    },
  };
}

/**
 * The leader's pipeline over a real archive (IndexedDB) holding the demo up to two bars after a fresh short
 * spike, at that moment on the clock, with the snapshot hook the live engine wires. Returns the queued alerts.
 */
async function runLeader(snapshot: boolean) {
  const full = await demoArchive();
  const frame = (
    await loadFrame(full, {
      source: 'archive',
      asset: 'BTC',
      timeframe: '1h',
      filter: { kind: 'all' },
      referenceSymbol: DEMO_SYMBOL,
    })
  ).frame;
  full.close();
  const moment = findMoment(frame, 'short');
  const db = await demoArchive(moment.cut);
  const nowMs = (frame.start + moment.cut * frame.step + 60) * 1000;
  const pipeline = new AlertPipeline(
    {
      db: async () => db,
      clock: { now: () => nowMs, sleep: realClock.sleep },
      bus: memoryBus(),
      appUrl: 'https://liqlab.test/',
      queued: () => {},
      coalesceMs: 0,
      snapshot: snapshotHook(async () => db),
    },
    settings(snapshot),
  );
  pipeline.start();
  await pipeline.idle();
  await pipeline.close();
  const records = await recentAlerts(db);
  db.close();
  return { moment, records, stats: pipeline.stats };
}

function recordFor(records: AlertRecord[], eventId: string): AlertRecord {
  const r = records.find((x) => x.id === `BTC:spike:${eventId}`);
  if (!r) throw new Error(`no alert queued for ${eventId}; queued: ${records.map((x) => x.id).join(', ')}`);
  return r;
}

describe('"Attach chart snapshot" in the leader pipeline (real IndexedDB, real OffscreenCanvas)', () => {
  it('a queued spike alert carries the PNG the worker drew of its own bars, and goes out as sendPhoto', async () => {
    const { moment, records, stats } = await runLeader(true);
    expect(stats.queued).toBeGreaterThanOrEqual(1);
    const rec = recordFor(records, moment.event.id);
    expect(rec.payload.kind).toBe('spike');
    const photo = rec.payload.photo;
    if (!(photo instanceof Blob)) throw new Error('the outbox record has no photo');
    expect(photo.type).toBe('image/png');
    const px = await pixelsOf(photo);
    expect([px.width, px.height]).toEqual([1000, 560]);
    // It is this event's picture: its bar is highlighted where the layout of this frame puts it.
    const l = snapshotLayout(moment.frame, moment.event);
    const glow = blend(
      hex(SNAPSHOT_PALETTE.background),
      hex(EVENT_CLASS_COLOURS[moment.event.eventClass]),
      0.16,
    );
    const x = Math.round(barX(l, l.eventFirst) - l.slot / 2);
    expect(count(px, { x, y: l.liqPane.y, w: 1, h: l.liqPane.h }, glow, 2)).toBeGreaterThanOrEqual(10);

    // Read back from IndexedDB, the record goes to Telegram as sendPhoto with the PNG and the message as caption.
    const sent: Array<{ url: string; body: FormData }> = [];
    const capture = async (url: string, init?: RequestInit) => {
      if (init?.body instanceof FormData) sent.push({ url, body: init.body });
      return new Response(JSON.stringify({ ok: true, result: { message_id: 1 } }), { status: 200 });
    };
    const s = settings(true).telegram;
    expect((await sendAlert(capture, s, rec.payload)).kind).toBe('ok');
    expect(sent[0]?.url).toBe('https://telegram.invalid/bot123456:TEST-fake-token/sendPhoto');
    const file = sent[0]?.body.get('photo');
    if (!(file instanceof File)) throw new Error('no photo part');
    expect(file.name).toBe('chart.png');
    expect(file.size).toBe(photo.size);
    expect(sent[0]?.body.get('caption')).toBe(rec.payload.html);
  }, 30_000);

  it('with the option off the same alert is queued without a photo', async () => {
    const { moment, records } = await runLeader(false);
    const rec = recordFor(records, moment.event.id);
    expect(rec.payload.photo ?? null).toBeNull();
  }, 30_000);
});
