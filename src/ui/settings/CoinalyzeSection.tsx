/** Settings section for Coinalyze access: API key (masked) and API base URL. */
import { TextField } from './fields/TextField';
import type { SectionProps } from './SettingsDialog';

/** Coinalyze key and base URL inputs. */
export function CoinalyzeSection({ draft, onChange }: SectionProps) {
  const set = (patch: Partial<SectionProps['draft']['coinalyze']>) =>
    onChange({ ...draft, coinalyze: { ...draft.coinalyze, ...patch } });
  return (
    <div class="form-grid">
      <TextField
        id="coinalyze-key"
        label="Coinalyze API key"
        secret
        value={draft.coinalyze.apiKey}
        onChange={(apiKey) => set({ apiKey })}
      />
      <TextField
        id="coinalyze-base"
        label="API base URL"
        inputMode="url"
        value={draft.coinalyze.apiBaseUrl}
        onChange={(apiBaseUrl) => set({ apiBaseUrl })}
      />
      <p class="hint">
        The key stays in this browser and is sent only in the <code>api_key</code> header. Coinalyze sends no
        CORS headers, so requests go through a same-origin proxy (see README).
      </p>
    </div>
  );
}
