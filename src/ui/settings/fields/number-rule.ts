/** What a number setting accepts, and the message a user sees when the typed text is not that. */

/** Bounds and integrality of one number setting; all optional. */
export interface NumberRule {
  min?: number;
  max?: number;
  /** Whole numbers only (bar and point counts). */
  integer?: boolean;
}

/** The typed number, or the message naming what is wrong with the text. */
export type NumberCheck = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads what the user typed into a number field. `badInput` is the browser's verdict on text it could not parse
 * (it then reports the value as ''), so "1e" and an emptied field both ask for a number instead of becoming 0.
 */
export function checkNumber(label: string, text: string, badInput: boolean, rule: NumberRule): NumberCheck {
  const value = Number(text);
  if (badInput || text.trim() === '' || !Number.isFinite(value)) {
    return { ok: false, message: `${label}: enter a number.` };
  }
  if (rule.integer && !Number.isInteger(value))
    return { ok: false, message: `${label}: enter a whole number.` };
  if (rule.min !== undefined && value < rule.min) {
    return { ok: false, message: `${label}: must be at least ${rule.min}.` };
  }
  if (rule.max !== undefined && value > rule.max) {
    return { ok: false, message: `${label}: must be at most ${rule.max}.` };
  }
  return { ok: true, value };
}
