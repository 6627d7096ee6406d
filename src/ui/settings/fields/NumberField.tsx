/** A labelled number input that keeps what the user typed and explains, inline, why it cannot be saved. */
import { useEffect, useState } from 'preact/hooks';
import { useFieldProblem } from './FieldError';
import { checkNumber, type NumberRule } from './number-rule';

/** Props of a number field; `onChange` only ever receives numbers the rule accepts. */
export interface NumberFieldProps extends NumberRule {
  id: string;
  label: string;
  value: number;
  /** Spin-button increment; the rule, not the step, decides what is valid. */
  step?: number | 'any';
  onChange: (value: number) => void;
}

interface Typed {
  text: string;
  badInput: boolean;
}

/** Phone keypad: digits only for counts, digits and a point for other non-negative numbers, else the default. */
function keypad(min: number | undefined, integer: boolean | undefined): 'numeric' | 'decimal' | undefined {
  if (min === undefined || min < 0) return undefined; // these keypads have no minus sign
  return integer ? 'numeric' : 'decimal';
}

/** Label, input and, while the text is not a valid number, a message the input is described by. */
export function NumberField(props: NumberFieldProps) {
  const { id, label, value, min, max, integer } = props;
  const [typed, setTyped] = useState<Typed>({ text: String(value), badInput: false });
  const rule: NumberRule = { min, max, integer };
  const check = checkNumber(label, typed.text, typed.badInput, rule);
  // A value changed from outside (not by this input) replaces the text; the user's own edits already match it.
  useEffect(() => {
    setTyped((t) => {
      const c = checkNumber(label, t.text, t.badInput, { min, max, integer });
      return c.ok && c.value === value ? t : { text: String(value), badInput: false };
    });
  }, [value, label, min, max, integer]);
  const message = check.ok ? null : check.message;
  const problem = useFieldProblem(id, message);
  return (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={keypad(min, integer)}
        min={min}
        max={max}
        step={props.step ?? (integer ? 1 : 'any')}
        value={typed.text}
        {...problem.inputProps}
        onInput={(e) => {
          const el = e.currentTarget;
          const next = { text: el.value, badInput: el.validity.badInput };
          setTyped(next);
          const c = checkNumber(label, next.text, next.badInput, rule);
          if (c.ok && c.value !== value) props.onChange(c.value);
        }}
      />
      {problem.error}
    </>
  );
}
