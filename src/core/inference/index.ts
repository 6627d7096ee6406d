/** Inference toolkit for the reaction study: seeded draws, distributions, tests and intervals. */
export { normalCdf, normalQuantile, normalSf, studentTCdf, studentTTwoSided } from './distributions';
export { createRng, type Rng } from './prng';
export { betaInc, gammaP, gammaQ, lgamma } from './special';
export {
  benjaminiHochberg,
  binomialTest,
  bootstrapMeanCi,
  hacMeanT,
  type Interval,
  mean,
  median,
  oneSampleT,
  quantileSorted,
  type TestResult,
  wilson,
} from './tests';
