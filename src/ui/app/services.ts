/** The page's worker facades, created once and started lazily on first call. */
import { createComputeClient } from '../../workers/compute/client';
import { createFetchClient } from '../../workers/fetch/client';

/** Compute worker facade. */
export const compute = createComputeClient();
/** Fetch worker facade. */
export const fetcher = createFetchClient();

/** URL of the bundled demo asset. */
export const DEMO_ASSET_URL = `${import.meta.env.BASE_URL}demo/btcusdt-perp-1h.bin`;
/** Reference market whose candles are drawn by default. */
export const DEFAULT_REFERENCE = 'BTCUSDT_PERP.A';
