/**
 * The app's dark chart colours for drawings made without lightweight-charts (the alert snapshot the leader worker
 * draws). They mirror `src/ui/chart/theme.ts`, the spike markers and the level zones; a unit test keeps them equal.
 */
import type { EventClass, LevelKind } from '../events';

/** Dark-theme colours of the chart and the page around it. */
export const SNAPSHOT_PALETTE = {
  background: '#131722',
  text: '#d1d4dc',
  muted: '#787b86',
  grid: '#1f2430',
  border: '#2a2e39',
  up: '#26a69a',
  down: '#ef5350',
  /** Short liquidations (forced buys), drawn upward. */
  shortLiq: '#26a69a',
  /** Long liquidations (forced sells), drawn downward. */
  longLiq: '#ef5350',
  zoneLabel: 'rgba(148,163,184,0.95)',
} as const;

/** Spike marker colour per event class, as the chart's markers use them. */
export const EVENT_CLASS_COLOURS: Readonly<Record<EventClass, string>> = {
  onset: '#f59e0b',
  continuation: '#8b5cf6',
  seasonal: '#64748b',
  extreme: '#ef4444',
};

/** RGB of a zone band: green support, red resistance. */
export const ZONE_RGB: Readonly<Record<LevelKind, readonly [number, number, number]>> = {
  support: [34, 197, 94],
  resistance: [239, 68, 68],
};

/** Opacity of a zone band: stronger levels are shaded darker, relative to the strongest one shown. */
export function zoneAlpha(strength: number, maxStrength: number): number {
  return 0.08 + 0.3 * Math.min(1, strength / Math.max(1, maxStrength));
}

/** CSS colour of a zone band. */
export function zoneColour(kind: LevelKind, strength: number, maxStrength: number): string {
  const [r, g, b] = ZONE_RGB[kind];
  return `rgba(${r},${g},${b},${zoneAlpha(strength, maxStrength).toFixed(3)})`;
}
