/** A labelled select over a typed option list, so a section never casts the chosen string back to its type. */

/** One choice: the stored value and the text shown for it. */
export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** Props of a select field; `onChange` receives one of `options`' values. */
export interface SelectFieldProps<T extends string> {
  id: string;
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
}

/** Label and select; a stored value missing from `options` is still shown, so opening settings never changes it. */
export function SelectField<T extends string>({ id, label, value, options, onChange }: SelectFieldProps<T>) {
  const known = options.some((o) => o.value === value);
  return (
    <>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const picked = e.currentTarget.value;
          const option = options.find((o) => o.value === picked);
          if (option) onChange(option.value);
        }}
      >
        {!known && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}
