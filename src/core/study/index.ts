/** Reaction study: pure engine over a bar frame plus spike events, levels and touches. */
export { defaultStudyParams, HORIZONS, magnitudeBucket } from './horizons';
export { runStudy } from './run';
export * from './types';
