/** A labelled single-line text input, trimmed as typed; `secret` makes it a masked input for keys and tokens. */

/** Props of a text field. */
export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Masked, and kept out of autofill and spellcheck, for API keys and tokens. */
  secret?: boolean;
  placeholder?: string;
  inputMode?: 'text' | 'numeric' | 'url';
}

const MASKED = { type: 'password', autocomplete: 'off' } as const;
const PLAIN = { type: 'text' } as const;

/** Label and input. Leading and trailing spaces are dropped because pasted keys and URLs often carry them. */
export function TextField({ id, label, value, onChange, secret, placeholder, inputMode }: TextFieldProps) {
  return (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        {...(secret ? MASKED : PLAIN)}
        spellcheck={false}
        inputMode={inputMode}
        placeholder={placeholder}
        value={value}
        onInput={(e) => onChange(e.currentTarget.value.trim())}
      />
    </>
  );
}
