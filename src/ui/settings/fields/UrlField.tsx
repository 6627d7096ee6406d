/**
 * A labelled API base URL input that refuses what core/base-url refuses (Save stays blocked, the reason shows
 * under the field) and, for an accepted URL on another host, says which host will see the secret.
 */
import { type BaseUrlCheck, checkBaseUrl } from '../../../core/base-url';
import { useFieldProblem } from './FieldError';

/** Props of a base URL field; `secret` names what travels with each request ("key", "bot token"). */
export interface UrlFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The service's own host, e.g. api.coinalyze.net. */
  officialHost: string;
  secret: string;
  /** A note for a URL on the service's own host (e.g. that browsers cannot call it directly). */
  officialNote?: string;
}

/** What the note under an accepted URL says, or null for none. */
function noteFor(check: BaseUrlCheck, secret: string, officialNote: string | undefined): string | null {
  if (!check.ok) return null;
  if (check.kind === 'elsewhere')
    return `Your ${secret} will be sent to ${check.host}: whoever runs it can read the ${secret}.`;
  if (check.kind === 'official') return officialNote ?? null;
  return null;
}

/** Label, input, and either the reason it cannot be saved or the note on where the secret goes. */
export function UrlField({ id, label, value, onChange, officialHost, secret, officialNote }: UrlFieldProps) {
  const check = checkBaseUrl(value, { pageOrigin: location.origin, officialHost });
  const problem = useFieldProblem(id, check.ok ? null : `${label}: ${check.reason}`);
  const note = noteFor(check, secret, officialNote);
  const noteId = `${id}-note`;
  return (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        spellcheck={false}
        inputMode="url"
        value={value}
        {...problem.inputProps}
        aria-describedby={problem.inputProps['aria-describedby'] ?? (note ? noteId : undefined)}
        onInput={(e) => onChange(e.currentTarget.value.trim())}
      />
      {problem.error}
      {note && (
        <p id={noteId} class="field-note" data-testid={noteId}>
          {note}
        </p>
      )}
    </>
  );
}
