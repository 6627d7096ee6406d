/** Counts in words: "1 active level", "3 active levels". */

/** `n` followed by `singular`, or by `plural` (default `singular` + "s") when n is not 1. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
