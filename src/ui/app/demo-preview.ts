/**
 * First paint on demo data: the page decodes the bundled asset itself (86 KB, sub-millisecond) and draws it while
 * the fetch worker stores the same data and the compute worker analyses it. The asset also carries its first
 * screen precomputed (markers and zones at 1h, and the window to open on), so those are in the first paint too.
 * The stored analysis then replaces the preview; its values are identical, so the chart only updates in place.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import { type DemoAsset, decodeDemoAsset } from '../../core/demo/asset';
import { demoFrame } from '../../core/demo/frame';
import type { MarkerEvent, ZoneLevel } from '../../core/demo/preview';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../core/intervals';
import { type BarFrame, sliceFrame } from '../../core/series';
import type { ViewTarget } from '../chart/chart-controller';
import type { LatestValue } from '../common/latest-value';
import { afterFirstChart, firstChartDrawn } from './first-chart';
import { DEMO_ASSET_URL } from './services';
import { startTarget } from './shared-view';

let asset: Promise<DemoAsset> | null = null;
let decoded: DemoAsset | null = null;
/** Bars drawn by the preview around the place the chart opens on (drawing less paints sooner). */
const PREVIEW_BARS = 300;
/** Markers and zones of preview frames, by frame. */
const overlays = new WeakMap<BarFrame, { events: MarkerEvent[]; levels: ZoneLevel[] }>();

/** Starts (once) fetching and decoding the demo asset on the page. */
export function demoAsset(): Promise<DemoAsset> {
  asset ??= fetch(DEMO_ASSET_URL).then(async (r) => {
    if (!r.ok) throw new Error(`demo data: HTTP ${r.status}`);
    decoded = decodeDemoAsset(await r.arrayBuffer());
    performance.mark('liqlab:demo-decoded');
    return decoded;
  });
  return asset;
}

/** The demo's chosen first window at bars of `step` seconds, once the asset is decoded (else null). */
export function demoFirstScreen(step: number): ViewTarget | null {
  const focus = decoded?.preview?.focus;
  return focus ? { time: (focus.from + focus.to) / 2, bars: (focus.to - focus.from) / step } : null;
}

/** The precomputed markers and zones drawn with a preview frame, or null (not a preview, or another timeframe). */
export function previewOverlay(
  frame: BarFrame | null,
): { events: MarkerEvent[]; levels: ZoneLevel[] } | null {
  return frame ? (overlays.get(frame) ?? null) : null;
}

/** The bars of `full` the preview draws: around where the chart opens, else the newest. */
function previewSlice(full: BarFrame): BarFrame {
  const n = full.candles.close.length;
  const target = startTarget(demoFirstScreen(full.step));
  if (!target) return sliceFrame(full, Math.max(0, n - PREVIEW_BARS));
  const centre = Math.round((target.time - full.start) / full.step);
  const half = Math.max(PREVIEW_BARS / 2, Math.ceil(target.bars ?? 0));
  const from = Math.min(Math.max(0, centre - half), Math.max(0, n - 1));
  return sliceFrame(full, from, Math.min(n, Math.max(from + 1, centre + half)));
}

/**
 * The demo frame at `timeframe` while `enabled` (no API key), or null. Before the first chart is drawn, the frame
 * goes to `early` (the chart area subscribes to it) and becomes this hook's state only after that chart: setting
 * the state re-renders the component that calls the hook (App, the whole shell) and runs its held passive effects,
 * which on two cores delayed the first chart by tens of milliseconds.
 */
export function useDemoPreview(
  enabled: boolean,
  timeframe: Timeframe,
  early?: LatestValue<BarFrame | null>,
): BarFrame | null {
  const [frame, setFrame] = useState<BarFrame | null>(null);
  // A layout effect: the frame is set as soon as the asset is decoded, not after the shell's first paint and the
  // passive effects that follow it.
  useLayoutEffect(() => {
    if (!enabled) {
      setFrame(null);
      return;
    }
    let current = true;
    demoAsset()
      .then((a) => {
        if (!current) return;
        const full = demoFrame(a, TIMEFRAME_SECONDS[timeframe]);
        const shown = full && previewSlice(full);
        if (shown && a.preview && a.preview.timeframe === timeframe)
          overlays.set(shown, { events: a.preview.events, levels: a.preview.levels });
        performance.mark('liqlab:preview-frame');
        if (!early || firstChartDrawn()) {
          setFrame(shown);
          return;
        }
        early.set(shown);
        void afterFirstChart().then(() => {
          if (!current) return;
          // Both in one render: the chart area sees the same frame arrive as its prop as the early one goes.
          setFrame(shown);
          early.set(null);
        });
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
