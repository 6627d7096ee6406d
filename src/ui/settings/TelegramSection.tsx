/**
 * Settings section for Telegram: bot token (masked), chat ID, "Find my chat" (getUpdates) and "Send test
 * message". Calls go through the fetch worker, which owns I/O; the token is stored only in this browser.
 */
import { useState } from 'preact/hooks';
import type { ChatCandidate } from '../../core/alerts/api-types';
import { OFFICIAL_HOSTS } from '../../core/base-url';
import type { TelegramSettings } from '../../core/settings';
import { appUrl } from '../alerts/app-url';
import { fetcher } from '../app/services';
import { TextField } from './fields/TextField';
import { UrlField } from './fields/UrlField';
import type { SectionProps } from './SettingsDialog';
import '../alerts/alerts.css';

/** Token, chat and the two helper buttons. */
export function TelegramSection({ draft, onChange }: SectionProps) {
  const [chats, setChats] = useState<ChatCandidate[] | null>(null);
  const [status, setStatus] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const tg = draft.telegram;
  const set = (patch: Partial<TelegramSettings>) => onChange({ ...draft, telegram: { ...tg, ...patch } });

  const findChat = async () => {
    setBusy(true);
    setStatus('Looking for chats that messaged the bot…');
    try {
      const r = await fetcher.api.alertsFindChats(tg.botToken, tg.apiBaseUrl);
      setChats(r.chats);
      if (r.error) setStatus(`Could not read updates: ${r.error}`);
      else if (r.chats.length === 0)
        setStatus('No chats yet: send any message to your bot in Telegram, then try again.');
      else setStatus(`Found ${r.chats.length} chat(s): pick one.`);
    } finally {
      setBusy(false);
    }
  };

  const sendTest = async () => {
    setBusy(true);
    setStatus('Sending…');
    try {
      const r = await fetcher.api.alertsSendTest(tg, appUrl());
      setStatus(r.message);
    } catch (e) {
      setStatus(`Test message failed: ${String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="form-grid">
      <TextField
        id="telegram-token"
        label="Telegram bot token"
        secret
        placeholder="123456:ABC… from @BotFather"
        value={tg.botToken}
        onChange={(botToken) => set({ botToken })}
      />
      <TextField
        id="telegram-chat"
        label="Telegram chat ID"
        inputMode="numeric"
        value={tg.chatId}
        onChange={(chatId) => set({ chatId })}
      />
      <UrlField
        id="telegram-base"
        label="Telegram API base URL"
        value={tg.apiBaseUrl}
        onChange={(apiBaseUrl) => set({ apiBaseUrl })}
        officialHost={OFFICIAL_HOSTS.telegram}
        secret="bot token"
      />
      <div class="alert-actions">
        <button type="button" onClick={findChat} disabled={busy || !tg.botToken}>
          Find my chat
        </button>
        <button type="button" onClick={sendTest} disabled={busy}>
          Send test message
        </button>
      </div>
      {chats && chats.length > 0 && (
        <ul class="alert-chats" aria-label="Chats found">
          {chats.map((c) => (
            <li key={c.id}>
              <button type="button" aria-pressed={tg.chatId === c.id} onClick={() => set({ chatId: c.id })}>
                Use {c.title} ({c.type}, {c.id})
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="hint" role="status">
        {status}
      </p>
      <p class="hint">
        Create a bot with @BotFather, paste its token, send it any message, then press "Find my chat". The
        token stays in this browser only. Alerts are sent only while LiqLab is open (a tab or the installed
        app).
      </p>
    </div>
  );
}
