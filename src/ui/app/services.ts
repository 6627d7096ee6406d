/** The page's worker facades, created once and started lazily on first call. */
import { assetSettings, type Settings } from '../../core/settings';
import { createComputeClient } from '../../workers/compute/client';
import { createFetchClient } from '../../workers/fetch/client';

/** Compute worker facade for the chart (and light panels): its analyzer state makes live updates cheap. */
export const compute = createComputeClient();
/** A second compute worker for the reaction study, so cancelling a study (which terminates it) never touches the chart's. */
export const studyCompute = createComputeClient();
/** Fetch worker facade. */
export const fetcher = createFetchClient();

/** URL of the bundled demo asset. */
export const DEMO_ASSET_URL = `${import.meta.env.BASE_URL}demo/btcusdt-perp-1h.bin`;
/** Reference market whose candles are drawn by default. */
export const DEFAULT_REFERENCE = 'BTCUSDT_PERP.A';

/**
 * The market whose candles a source shows for `asset`: the demo has its own; the archive follows the asset's
 * settings (the compute worker falls back to the asset's best market with candles, as the leader does).
 */
export function referenceFor(source: 'archive' | 'demo', settings: Settings, asset: string): string {
  return source === 'demo' ? DEFAULT_REFERENCE : assetSettings(settings, asset).reference;
}
