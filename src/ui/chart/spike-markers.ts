/** Spike events as price-pane markers: shape/colour by class, size by USD; the hover text adds rarity, z, p_emp, p_tail, p_bg. */
import type { SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import { formatBp } from '../../core/context/liq-bp';
import type { MarkerEvent } from '../../core/demo/preview';
import type { EventClass, SpikeEvent } from '../../core/events';
import { eventRarityWithSpan } from '../../core/spikes/rarity';
import { formatUsd } from '../format/usd';

/** Colour per event class (onset is the one traders care about most, so it is the loudest). */
export const CLASS_COLOURS: Readonly<Record<EventClass, string>> = {
  onset: '#f59e0b',
  continuation: '#8b5cf6',
  seasonal: '#64748b',
  extreme: '#ef4444',
};

/** p as text: scientific below 0.001. */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return '–';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/** Markers for events: longs below the bar (forced sells), shorts above. */
export function spikeMarkers(events: readonly MarkerEvent[]): SeriesMarker<UTCTimestamp>[] {
  let maxUsd = 1;
  for (const e of events) maxUsd = Math.max(maxUsd, e.usd);
  return events.map((e) => ({
    id: e.id,
    time: e.firstTime as number as UTCTimestamp,
    position: e.side === 'long' ? 'belowBar' : 'aboveBar',
    shape: e.side === 'long' ? 'arrowUp' : 'arrowDown',
    color: CLASS_COLOURS[e.eventClass],
    // sqrt keeps a $300M day from dwarfing everything else
    size: 0.6 + 1.6 * Math.sqrt(e.usd / maxUsd),
    text: `${e.eventClass} ${formatUsd(e.usd)}`,
  }));
}

/**
 * One-line description of an event for the hover readout: class, USD, rarity over the long window with the span it
 * was judged over, then the numbers (p_bg: Hawkes-lite background share, a heuristic).
 */
export function describeEvent(e: SpikeEvent): string {
  const bp = e.scoreBasis === 'bpOfOi' ? ` (${formatBp(e.bpOfOi ?? Number.NaN)} of OI)` : '';
  return `${e.side} ${e.eventClass}: ${formatUsd(e.usd)}${bp}, ${eventRarityWithSpan(e)} · z ${e.maxZ.toFixed(1)}, p_emp ${formatP(e.minPEmp)}, p_tail ${formatP(e.minPTail)}, p_bg ${formatP(e.pBg ?? Number.NaN)}`;
}

/** The series' Hawkes-lite branching ratios as text, e.g. "branching n̂ 0.62 (long) / 0.48 (short)". */
export function describeBranching(b: { long: number; short: number }): string {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
  return `branching n̂ ${f(b.long)} (long) / ${f(b.short)} (short)`;
}
