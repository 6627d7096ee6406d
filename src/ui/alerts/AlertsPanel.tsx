/** Side-panel tab "Alerts": the alert log (sent / pending / failed with reasons) and why delivery stopped. */

import { useEffect, useState } from 'preact/hooks';
import { telegramFingerprint } from '../../core/alerts/halt';
import { broadcastBus } from '../../platform/notice-bus';
import { type AlertRecord, recentAlerts } from '../../storage/alert-repo';
import { sharedDatabase } from '../../storage/connection';
import { ARCHIVE_DB } from '../../storage/db-names';
import { readKv } from '../../storage/kv-repo';
import { formatUtc } from '../format/usd';
import type { PanelProps } from '../panels/SidePanel';
import { loadSettings } from '../settings/settings-store';
import './alerts.css';

interface LogState {
  records: AlertRecord[];
  halt: string | null;
  enabled: boolean;
}

async function readLog(): Promise<LogState> {
  const settings = await loadSettings();
  const db = await sharedDatabase(ARCHIVE_DB);
  const records = await recentAlerts(db, 100);
  const halt = await readKv(db, 'alerts:halt', null);
  const tg = settings.telegram;
  const current = telegramFingerprint(tg.botToken, tg.chatId, tg.apiBaseUrl);
  return {
    records,
    halt: halt?.fingerprint === current ? halt.reason : null,
    enabled: settings.alerts.enabled,
  };
}

const LABEL: Readonly<Record<AlertRecord['status'], string>> = {
  sent: 'Sent',
  pending: 'Pending',
  failed: 'Failed',
};

/** The alert log. */
export function AlertsPanel({ onJump }: PanelProps) {
  const [log, setLog] = useState<LogState | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const refresh = () =>
      readLog().then(
        (l) => live && setLog(l),
        (e: unknown) => live && setError(String(e)),
      );
    void refresh();
    const unsubscribe = broadcastBus().subscribe((n) => {
      if (n.type === 'alerts-changed' || n.type === 'settings-changed') void refresh();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);

  return (
    <div class="alerts-panel">
      <p class="hint">
        Alerts are sent only while LiqLab is open (a tab or the installed app).
        {log && !log.enabled && ' Alerts are off: enable them in Settings → Alerts.'}
      </p>
      {error && <p role="alert">{error}</p>}
      {log?.halt && (
        <p class="alert-halt" role="alert">
          Telegram delivery stopped: {log.halt}. Fix the settings, then press "Send test message".
        </p>
      )}
      {log && log.records.length === 0 && <p>No alerts yet.</p>}
      <ul class="alert-log" aria-label="Alert log">
        {log?.records.map((r) => (
          <li key={r.id} data-status={r.status}>
            <span class={`state state-${r.status}`}>{LABEL[r.status]}</span>
            <span>{r.payload.title}</span>
            <div class="hint">
              {formatUtc(r.createdAt / 1000, true)}
              {r.attempts > 1 && ` · ${r.attempts} attempts`}
              {r.error && ` · ${r.error}`}
              {r.payload.kind !== 'test' && (
                <>
                  {' · '}
                  <button type="button" class="link" onClick={() => onJump(r.payload.time)}>
                    Show on chart
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
