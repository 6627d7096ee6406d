/** Reaction study: pure engine over a bar frame plus spike events, levels and touches. */

export { EVENT_CSV_BASE, eventsCsv, SUMMARY_CSV_HEADER, summaryCsv } from './csv';
export { defaultStudyParams, HORIZONS, magnitudeBucket } from './horizons';
export { runStudy } from './run';
export * from './types';
