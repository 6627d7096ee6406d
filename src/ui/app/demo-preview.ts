/**
 * First paint on demo data: the page decodes the bundled asset itself (82 KB, sub-millisecond) and draws it while
 * the fetch worker stores the same data and the compute worker analyses it. The stored analysis then replaces the
 * preview; its values are identical, so the chart only updates in place.
 */
import { useEffect, useState } from 'preact/hooks';
import { type DemoAsset, decodeDemoAsset } from '../../core/demo/asset';
import { demoFrame } from '../../core/demo/frame';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../core/intervals';
import { type BarFrame, sliceFrame } from '../../core/series';
import { DEMO_ASSET_URL } from './services';

let asset: Promise<DemoAsset> | null = null;
/** Bars drawn by the preview (twice what the chart shows at first). */
const PREVIEW_BARS = 300;

/** Starts (once) fetching and decoding the demo asset on the page. */
export function demoAsset(): Promise<DemoAsset> {
  asset ??= fetch(DEMO_ASSET_URL).then(async (r) => {
    if (!r.ok) throw new Error(`demo data: HTTP ${r.status}`);
    const decoded = decodeDemoAsset(await r.arrayBuffer());
    performance.mark('liqlab:demo-decoded');
    return decoded;
  });
  return asset;
}

/** The demo frame at `timeframe` while `enabled` (no API key), or null. */
export function useDemoPreview(enabled: boolean, timeframe: Timeframe): BarFrame | null {
  const [frame, setFrame] = useState<BarFrame | null>(null);
  useEffect(() => {
    if (!enabled) {
      setFrame(null);
      return;
    }
    let current = true;
    demoAsset()
      .then((a) => {
        if (!current) return;
        const full = demoFrame(a, TIMEFRAME_SECONDS[timeframe]);
        // Only the recent bars: the chart opens on the last 150, and drawing less paints sooner. The stored
        // frame brings the full history a moment later.
        const n = full?.candles.close.length ?? 0;
        setFrame(full && sliceFrame(full, Math.max(0, n - PREVIEW_BARS)));
        performance.mark('liqlab:preview-frame');
      })
      .catch(() => {
        // The stored-data path reports demo problems; the preview is only a head start.
      });
    return () => {
      current = false;
    };
  }, [enabled, timeframe]);
  return frame;
}
