/** Alert deep links: the view URL (src/core/view-url.ts) centred on the alert's bar at its timeframe. */
import type { Timeframe } from '../intervals';
import { buildViewUrl } from '../view-url';

/** Builds the link for an alert (base = the app's origin plus base path, e.g. `https://x.app/`). */
export function buildDeepLink(base: string, asset: string, time: number, timeframe: Timeframe): string {
  return buildViewUrl(base, {
    asset,
    timeframe,
    contracts: null,
    histogram: null,
    time,
    bars: null,
    panel: null,
  });
}
