/** Page-side facade for the fetch worker: lazily started; abort asks the worker to stop (it keeps its state). */
import { WorkerFacade } from '../facade';
import type { FetchApi } from './api';

/** Creates the fetch worker facade. */
export function createFetchClient(): WorkerFacade<FetchApi> {
  return new WorkerFacade<FetchApi>(
    () => new Worker(new URL('./fetch.worker.ts', import.meta.url), { type: 'module', name: 'fetch' }),
    'signal',
  );
}
