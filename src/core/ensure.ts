/** Lookups that cannot miss unless there is a bug: fail loudly there instead of hiding it behind a default. */

/** `value`, or an Error naming `what` was missing. */
export function ensure<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`internal error: ${what} is missing`);
  return value;
}
