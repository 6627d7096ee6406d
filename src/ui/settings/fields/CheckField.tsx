/** A checkbox wrapped in its label, so the whole text is the click target and the accessible name. */
import type { ComponentChildren } from 'preact';

/** Props of a checkbox; `class` is the wrapping label's layout class. */
export interface CheckFieldProps {
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  class?: string;
  /** A name for assistive technology when the visible label is too short to stand alone (e.g. "1h"). */
  ariaLabel?: string;
}

/** Checkbox followed by its label text. */
export function CheckField({ label, checked, onChange, class: cls, ariaLabel }: CheckFieldProps) {
  return (
    <label class={cls}>
      <input
        type="checkbox"
        aria-label={ariaLabel}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />{' '}
      {label}
    </label>
  );
}
