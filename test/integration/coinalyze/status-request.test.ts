/**
 * A page that saved a key Coinalyze rejects must hear so even when the rejection came first: the engine reports
 * it while the page has not yet read the new settings (it drops statuses until it knows it is live), then the page
 * asks for the status, and with a rejected key no tab leads, so the engine that holds the key answers.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { FetchStatus } from '../../../src/core/notices';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { memoryBus } from '../../../src/platform/notice-bus';
import { writeSettings } from '../../../src/storage/settings-repo';
import { FetchEngine } from '../../../src/workers/fetch/engine';
import { memoryLocks } from '../../helpers/memory-locks';
import { setup } from './harness';

describe('a page asking for the status', () => {
  it('hears "key rejected" after the rejection was reported, though no tab leads', async () => {
    const e = await setup();
    const bus = memoryBus();
    const engine = new FetchEngine({
      db: async () => e.db,
      locks: memoryLocks(),
      fetch: e.clock.track((url, init) => fetch(url, init)),
      origin: e.url,
      clock: e.clock,
      random: () => 0.5,
      isOnline: () => true,
      bus,
      liveCallsPerMin: 0,
      intervals: ['1hour'],
    });
    const stopListening = engine.listen();
    await engine.start();
    // The page saves a key the server rejects (the proxy drops it, say) and announces the save.
    await writeSettings(e.db, {
      ...DEFAULT_SETTINGS,
      coinalyze: { ...DEFAULT_SETTINGS.coinalyze, apiKey: 'refused-key', apiBaseUrl: `${e.url}/v1` },
    });
    bus.post({ type: 'settings-changed' });
    await e.clock.runUntil(() => engine.tenures.includes('unauthorized'), 60_000);
    expect(engine.isLeader()).toBe(false);
    // Only now does the page listen (it had not read the new settings yet), and it asks where things stand.
    const heard: FetchStatus[] = [];
    bus.subscribe((n) => {
      if (n.type === 'status') heard.push(n.status);
    });
    bus.post({ type: 'status-request' });
    await e.clock.runUntil(() => heard.length > 0, 5_000);
    expect(heard.map((s) => [s.state, s.message])).toEqual([
      ['key-rejected', 'Coinalyze rejected the API key (401). Check it in Settings → Data.'],
    ]);
    stopListening();
    engine.stop();
  });
});
