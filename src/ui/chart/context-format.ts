/** Text and legend items for open interest and funding (no chart library: the legend and "Save image" use it). */
import type { FrameContext } from '../../workers/compute/api';
import { formatUsd } from '../format/usd';
import { type ContextChoice, contextParts } from './context-choice';
import type { ContextColours } from './theme';

/** Funding in % with four decimals (0.0100%), "—" when missing. */
export function formatFunding(v: number): string {
  return Number.isFinite(v) ? `${v.toFixed(4)}%` : '—';
}

/** A change in USD with its sign (+$1.20M, -$350.0K), "—" when missing. */
export function formatUsdChange(v: number): string {
  return Number.isFinite(v) ? `${v > 0 ? '+' : ''}${formatUsd(v)}` : '—';
}

/** Legend entries of the context panes shown by `choice` at bar `i`: "gap" where the value is missing. */
export function contextItems(
  ctx: FrameContext,
  choice: ContextChoice,
  i: number,
  colours: ContextColours,
): Array<{ label: string; value: string; colour: string }> {
  const parts = contextParts(choice);
  const at = (a: Float64Array) => a[i] ?? Number.NaN;
  const text = (v: number, f: (v: number) => string) => (Number.isFinite(v) ? f(v) : 'gap');
  const items: Array<{ label: string; value: string; colour: string }> = [];
  if (parts.oi) items.push({ label: 'OI', value: text(at(ctx.oi), formatUsd), colour: colours.oi });
  if (parts.oiChange) {
    const d = at(ctx.oiChange);
    items.push({
      label: 'ΔOI',
      value: text(d, formatUsdChange),
      colour: d < 0 ? colours.oiDown : colours.oiUp,
    });
  }
  if (parts.funding) {
    items.push({ label: 'Funding', value: text(at(ctx.funding), formatFunding), colour: colours.funding });
    items.push({
      label: 'Predicted',
      value: text(at(ctx.predicted), formatFunding),
      colour: colours.predicted,
    });
  }
  return items;
}
