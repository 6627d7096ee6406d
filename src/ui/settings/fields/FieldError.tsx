/** The inline message of a field whose text cannot be saved, tied to its input and reported to the dialog. */
import type { JSX } from 'preact';
import { useReportInvalid } from './invalid-fields';
import './fields.css';

/** What a field with a problem adds to its input, and the message element to render after it. */
export interface FieldProblem {
  inputProps: { 'aria-invalid': boolean; 'aria-describedby'?: string };
  error: JSX.Element | null;
}

/** Reports `message` (null when the text is fine) and returns the attributes and message element for the field. */
export function useFieldProblem(id: string, message: string | null): FieldProblem {
  useReportInvalid(id, message);
  if (message === null) return { inputProps: { 'aria-invalid': false }, error: null };
  const errorId = `${id}-error`;
  return {
    inputProps: { 'aria-invalid': true, 'aria-describedby': errorId },
    error: (
      <p id={errorId} class="field-error">
        {message}
      </p>
    ),
  };
}
