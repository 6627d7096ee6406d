/**
 * Page side of the alerts: takes what the compute worker reported (spike events, levels, touches for one
 * timeframe), applies the rules and queues alerts in the outbox; the leader tab's fetch worker delivers them.
 * Every tab may feed the same result: the enqueue transaction lets exactly one of them queue each alert, and
 * only that tab shows the browser notification.
 */
import { ALERTS_CHANNEL, type AlertsMessage } from '../../core/alerts/channel';
import { alertMessage } from '../../core/alerts/message';
import { planAlerts } from '../../core/alerts/plan';
import type { AlertInput } from '../../core/alerts/rules';
import { type EnqueueResult, enqueueAlert } from '../../storage/alert-repo';
import { sharedDatabase } from '../../storage/connection';
import { ARCHIVE_DB } from '../../storage/open';
import { loadSettings } from '../settings/settings-store';
import { appUrl } from './app-url';

type Snapshot = () => Promise<Blob | null>;
let snapshotSource: Snapshot | null = null;

/** Registers how to take a chart snapshot (the chart view calls this once it exists). */
export function setSnapshotSource(source: Snapshot | null): void {
  snapshotSource = source;
}

function announce(message: AlertsMessage): void {
  const channel = new BroadcastChannel(ALERTS_CHANNEL);
  channel.postMessage(message);
  channel.close();
}

/** Applies the rules to one compute result and queues what passes; returns what happened per candidate. */
export async function feedAlerts(input: AlertInput, nowMs = Date.now()): Promise<EnqueueResult[]> {
  const settings = await loadSettings();
  const rules = settings.alerts;
  const candidates = planAlerts(input, rules, nowMs, new Date(nowMs).getTimezoneOffset());
  if (candidates.length === 0) return [];
  const db = await sharedDatabase(ARCHIVE_DB);
  const results: EnqueueResult[] = [];
  for (const c of candidates) {
    // Skip the snapshot work for anything already alerted (the common case on every recompute).
    if (await db.get('alertKeys', c.key)) {
      results.push('duplicate');
      continue;
    }
    const msg = alertMessage(c, appUrl());
    const photo = rules.snapshot && rules.telegram && c.kind === 'spike' ? await snapshotSource?.() : null;
    const result = await enqueueAlert(db, {
      key: c.key,
      cooldownKey: c.cooldownKey,
      cooldownMs: c.cooldownMs,
      nowMs,
      payload: { kind: c.kind, title: msg.title, html: msg.html, time: msg.time, photo: photo ?? null },
      outbox: rules.telegram,
    });
    results.push(result);
    if (result !== 'queued') continue;
    if (rules.browser && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      new Notification(msg.title, { body: msg.body, tag: c.key });
    }
  }
  if (results.includes('queued')) announce({ type: 'queued' });
  return results;
}
