/** What the market-context panes under the chart show (kept apart from context-panes, which needs the chart library). */

/** Choices of the "Market context" selector: which panes are drawn. */
export const CONTEXT_CHOICES = {
  off: 'None',
  oi: 'Open interest',
  oiChange: 'Open interest + change',
  funding: 'Funding',
  both: 'Open interest + funding',
} as const;

/** A key of CONTEXT_CHOICES. */
export type ContextChoice = keyof typeof CONTEXT_CHOICES;

/** True for a known choice (a remembered layout may hold anything). */
export function isContextChoice(v: unknown): v is ContextChoice {
  return typeof v === 'string' && Object.hasOwn(CONTEXT_CHOICES, v);
}

/** Which panes and series a choice draws. */
export function contextParts(choice: ContextChoice): { oi: boolean; oiChange: boolean; funding: boolean } {
  return {
    oi: choice === 'oi' || choice === 'oiChange' || choice === 'both',
    oiChange: choice === 'oiChange',
    funding: choice === 'funding' || choice === 'both',
  };
}
