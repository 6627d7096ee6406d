/** The fetch worker's API as the page sees it. */
import type { Cancellable } from '../facade';
import type { CsvApi } from './csv/types';

/** Result of making sure the demo database holds the bundled data. */
export interface DemoLoad {
  /** True when this call wrote the data (first start), false when it was already there. */
  loaded: boolean;
  bars: number;
  firstTime: number;
  lastTime: number;
}

/** Fetch worker calls (the data engine grows this). */
export interface FetchApi extends Cancellable, CsvApi {
  /** Loads the bundled demo asset into the demo database once. */
  ensureDemo(assetUrl: string, callId?: number): Promise<DemoLoad>;
}
