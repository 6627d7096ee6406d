/** A labelled time-of-day input (minutes after midnight) that asks for a complete time instead of ignoring it. */
import { useEffect, useState } from 'preact/hooks';
import { formatClock, parseClock } from '../../../core/alerts/gate';
import { useFieldProblem } from './FieldError';

/** Props of a clock field; `onChange` receives minutes after midnight. */
export interface ClockFieldProps {
  id: string;
  label: string;
  value: number;
  onChange: (minutes: number) => void;
}

/** Label, time input and, while the time is cleared or half typed, a message the input is described by. */
export function ClockField({ id, label, value, onChange }: ClockFieldProps) {
  // The browser reports a half-typed time as ''; keeping it here stops a re-render from overwriting it.
  const [text, setText] = useState(formatClock(value));
  useEffect(() => setText((t) => (parseClock(t) === value ? t : formatClock(value))), [value]);
  const message = parseClock(text) === null ? `${label}: enter a complete time.` : null;
  const problem = useFieldProblem(id, message);
  return (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="time"
        value={text}
        {...problem.inputProps}
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const minutes = parseClock(next);
          if (minutes !== null && minutes !== value) onChange(minutes);
        }}
      />
      {problem.error}
    </>
  );
}
