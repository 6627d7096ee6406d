/** Compute worker entry: exposes the typed API and nothing else. */
import { expose } from 'comlink';
import { computeApi } from './compute-api';

expose(computeApi);
