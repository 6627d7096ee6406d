/** The oscillators the pane under the chart can show (kept apart from overlay-layers, which needs the chart library). */

/** Oscillator choices shown in the pane selector. */
export const OSCILLATORS = {
  lsi: 'Long/short imbalance',
  cldDay: 'Liquidation delta (day)',
  cldZ: 'Liquidation delta z',
  pressure: 'Pressure z (long − short)',
  heat: 'Cascade heat z(E)',
} as const;

/** A key of OSCILLATORS. */
export type OscillatorKey = keyof typeof OSCILLATORS;
