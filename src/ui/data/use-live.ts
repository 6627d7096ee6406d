/**
 * Switches the app between the bundled demo and the live archive: with a saved Coinalyze key the archive is shown
 * and this tab's fetch worker joins the leader election; status notices from whichever tab fetches drive the
 * status bar, and data notices tick so the chart can update its newest bars. Notices are coalesced (applied 50 ms
 * after the first of a burst, at most every 500 ms) and a hidden page applies none until it is visible again,
 * then catches up once; every data notice is still recorded at once for the compute worker (change-log).
 */
import { useEffect, useState } from 'preact/hooks';
import { CALLS_PER_MINUTE } from '../../core/budget';
import type { FetchStatus } from '../../core/notices';
import { broadcastBus } from '../../platform/notice-bus';
import type { DataSource } from '../../workers/compute/api';
import { appUrl } from '../alerts/app-url';
import { demoReady } from '../app/boot';
import { afterFirstChart } from '../app/first-chart';
import { probablyNoKey, rememberKeyPresence } from '../app/key-hint';
import { fetcher } from '../app/services';
import { loadSettings } from '../settings/settings-store';
import type { StatusInfo } from '../status/StatusBar';
import { recordChange } from './change-log';
import { Coalescer, pageEnv } from './coalesce';
import { quietMode } from './quiet-mode';

/** What the app shell needs from the data engine. */
export interface LiveState {
  source: DataSource | null;
  status: StatusInfo;
  /** Increments whenever the archive gets new data. */
  dataTick: number;
  /** Known once settings are read: 'demo' (no key) or 'live'; 'deciding' before. */
  mode: 'deciding' | 'demo' | 'live';
}

const DEMO_STATUS: StatusInfo = {
  source: 'Demo',
  lastUpdate: null,
  callsUsed: 0,
  callsBudget: CALLS_PER_MINUTE,
  backfill: null,
};

/** Maps the fetcher's status to the status bar: a rejected key fetches nothing, so it is not called Live. */
export function toStatusInfo(s: FetchStatus, prev: StatusInfo): StatusInfo {
  return {
    source: s.state === 'offline' || s.state === 'key-rejected' ? 'Offline' : 'Live',
    keyRejected: s.state === 'key-rejected',
    lastUpdate: s.lastUpdate ?? prev.lastUpdate,
    callsUsed: s.callsUsed,
    callsBudget: s.callsBudget,
    backfill: s.backfill,
    contextBackfill: s.contextBackfill ?? null,
    contextCompleteAt: s.contextCompleteAt ?? null,
    message: s.message ?? undefined,
  };
}

async function showDemo(set: (s: LiveState | ((p: LiveState) => LiveState)) => void): Promise<void> {
  try {
    const demo = await demoReady();
    set((p) => ({ ...p, source: 'demo', status: { ...DEMO_STATUS, lastUpdate: demo.lastTime + 3600 } }));
  } catch (e) {
    set((p) => ({ ...p, status: { ...p.status, message: `Demo data failed to load: ${String(e)}` } }));
  }
}

/** Demo until a key is saved, then the live archive. */
export function useLive(): LiveState {
  const [state, setState] = useState<LiveState>({
    source: null,
    status: DEMO_STATUS,
    dataTick: 0,
    mode: 'deciding',
  });
  useEffect(() => {
    let live = false;
    const decide = async (first = false) => {
      // Without a key (the hint says so) the first chart is the demo's, drawn by the page alone, and everything
      // below waits for it anyway (the demo import, the engine): opening the database first (on a first visit,
      // creating it and running every migration) would only compete with that paint.
      if (first && probablyNoKey()) await afterFirstChart();
      const settings = await loadSettings();
      live = settings.coinalyze.apiKey !== '';
      rememberKeyPresence(live);
      if (live) {
        setState((p) => ({
          ...p,
          mode: 'live',
          source: 'archive',
          status:
            p.status.source === 'Demo'
              ? { ...DEMO_STATUS, source: 'Live', message: 'Connecting to Coinalyze…' }
              : p.status,
        }));
        // Ask the browser not to evict the archive under storage pressure (page only: workers lack persist()).
        void navigator.storage?.persist?.().catch(() => false);
      } else {
        setState((p) => ({ ...p, mode: 'demo' }));
        await showDemo(setState);
      }
      await fetcher.api.startEngine(location.origin, appUrl());
      // The leader posts only changes: ask it for where things stand now (offline, rate limited, backfilling…).
      if (live) bus.post({ type: 'status-request' });
    };
    const bus = broadcastBus();
    void decide(true);
    // What piled up since the last flush: the newest status, and whether the archive changed.
    let status: FetchStatus | null = null;
    let changed = false;
    const apply = () => {
      const s = status;
      const bump = changed;
      status = null;
      changed = false;
      setState((p) => ({
        ...p,
        status: s ? toStatusInfo(s, p.status) : p.status,
        dataTick: bump ? p.dataTick + 1 : p.dataTick,
      }));
    };
    const coalescer = new Coalescer(apply, pageEnv());
    const later = () => (quietMode ? coalescer.notice() : apply());
    const onVisibility = () => coalescer.wake();
    document.addEventListener('visibilitychange', onVisibility);
    const unsubscribe = bus.subscribe((n) => {
      if (n.type === 'settings-changed') void decide();
      else if (n.type === 'status' && live) {
        status = n.status;
        later();
      } else if (n.type === 'data-changed' || n.type === 'context-changed') {
        recordChange(n);
        // Without a key the archive still changes (an import, Delete stored data) and may be on screen.
        if (n.db === 'archive') {
          changed = true;
          later();
        }
      }
    });
    return () => {
      unsubscribe();
      coalescer.stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
  return state;
}
