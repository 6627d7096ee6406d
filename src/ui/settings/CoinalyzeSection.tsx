/** Settings section for Coinalyze access: API key (masked) and API base URL. */
import type { SectionProps } from './SettingsDialog';

/** Coinalyze key and base URL inputs. */
export function CoinalyzeSection({ draft, onChange }: SectionProps) {
  const set = (patch: Partial<SectionProps['draft']['coinalyze']>) =>
    onChange({ ...draft, coinalyze: { ...draft.coinalyze, ...patch } });
  return (
    <div class="form-grid">
      <label for="coinalyze-key">Coinalyze API key</label>
      <input
        id="coinalyze-key"
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={draft.coinalyze.apiKey}
        onInput={(e) => set({ apiKey: e.currentTarget.value.trim() })}
      />
      <label for="coinalyze-base">API base URL</label>
      <input
        id="coinalyze-base"
        type="text"
        spellcheck={false}
        value={draft.coinalyze.apiBaseUrl}
        onInput={(e) => set({ apiBaseUrl: e.currentTarget.value.trim() })}
      />
      <p class="hint">
        The key stays in this browser and is sent only in the <code>api_key</code> header. Coinalyze sends no
        CORS headers, so requests go through a same-origin proxy (see README).
      </p>
    </div>
  );
}
