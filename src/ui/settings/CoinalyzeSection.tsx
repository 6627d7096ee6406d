/** Settings section for Coinalyze access: API key (masked), API base URL and "Send test request". */
import { useState } from 'preact/hooks';
import { checkBaseUrl, OFFICIAL_HOSTS } from '../../core/base-url';
import { fetcher } from '../app/services';
import { TextField } from './fields/TextField';
import { UrlField } from './fields/UrlField';
import type { SectionProps } from './SettingsDialog';
import '../alerts/alerts.css';

/** Coinalyze key and base URL inputs, and a one-call check of both. */
export function CoinalyzeSection({ draft, onChange }: SectionProps) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const { apiKey, apiBaseUrl } = draft.coinalyze;
  const set = (patch: Partial<SectionProps['draft']['coinalyze']>) =>
    onChange({ ...draft, coinalyze: { ...draft.coinalyze, ...patch } });
  const usable =
    apiKey !== '' &&
    checkBaseUrl(apiBaseUrl, { pageOrigin: location.origin, officialHost: OFFICIAL_HOSTS.coinalyze }).ok;

  const sendTest = async () => {
    setBusy(true);
    setStatus('Asking Coinalyze for its exchange list…');
    try {
      setStatus((await fetcher.api.testCoinalyze(apiKey, apiBaseUrl, location.origin)).message);
    } catch (e) {
      setStatus(`Test request failed: ${String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="form-grid">
      <TextField
        id="coinalyze-key"
        label="Coinalyze API key"
        secret
        value={apiKey}
        onChange={(k) => set({ apiKey: k })}
      />
      <UrlField
        id="coinalyze-base"
        label="API base URL"
        value={apiBaseUrl}
        onChange={(u) => set({ apiBaseUrl: u })}
        officialHost={OFFICIAL_HOSTS.coinalyze}
        secret="key"
        officialNote="Coinalyze sends no CORS headers, so a browser cannot call it directly: use a proxy (see README, Deploy)."
      />
      <div class="alert-actions">
        <button type="button" onClick={sendTest} disabled={busy || !usable}>
          Send test request
        </button>
      </div>
      <p class="hint" role="status" data-testid="coinalyze-test">
        {status}
      </p>
      <p class="hint">
        The key stays in this browser and is sent only in the <code>api_key</code> header. Coinalyze sends no
        CORS headers, so requests go through a proxy: a path on this site (<code>/coinalyze/v1</code>) or an
        https:// proxy such as the Cloudflare Worker in the README. "Send test request" makes one cheap call
        with the values above, before you save.
      </p>
    </div>
  );
}
