/** Page-side facade for the compute worker: lazily started, abort terminates the worker (stateless work). */
import { WorkerFacade } from '../facade';
import type { ComputeApi } from './api';

/** Creates the compute worker facade. */
export function createComputeClient(): WorkerFacade<ComputeApi> {
  return new WorkerFacade<ComputeApi>(
    () => new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }),
    'terminate',
  );
}
