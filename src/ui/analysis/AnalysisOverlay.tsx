/** Spike markers, level zones, EdgeLine and the oscillator pane on the chart, with a selector and a spike readout. */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MarkerEvent, ZoneLevel } from '../../core/demo/preview';
import type { SpikeEvent } from '../../core/events';
import type { BarFrame } from '../../core/series';
import type { AnalyzeResult } from '../../workers/compute/api';
import type { ChartController } from '../chart/chart-controller';
import { loadChart } from '../chart/load-chart';
import { describeBranching, describeEvent } from '../chart/spike-markers';
import { plural } from '../format/plural';
import { OSCILLATORS, type OscillatorKey } from './oscillators';
import type { OverlayLayers } from './overlay-layers';
import './analysis.css';

/** Props: the chart and the result to draw. */
export interface AnalysisOverlayProps {
  controller: ChartController | null;
  result: AnalyzeResult | null;
  /** Precomputed markers and zones for the frame on screen until the result arrives (the demo's first screen). */
  preview?: { frame: BarFrame; events: readonly MarkerEvent[]; levels: readonly ZoneLevel[] } | null;
  /** Further chart controls for the bar, after the oscillator selector (the histogram mode). */
  children?: ComponentChildren;
}

/** Renders the selector and readout; draws into the chart through OverlayLayers. */
export function AnalysisOverlay({ controller, result, preview = null, children }: AnalysisOverlayProps) {
  const layers = useRef<OverlayLayers | null>(null);
  const [key, setKey] = useState<OscillatorKey>('lsi');
  const [hovered, setHovered] = useState<SpikeEvent[]>([]);

  // A layout effect, declared before the one that draws: when the controller changes, the old layers go in the same
  // commit, before new ones are built. As a passive effect its cleanup ran after the first paint, and removed the
  // layers the layout effect below had just drawn (the demo's first-screen markers and zones vanished until the
  // worker's analysis arrived, and the chart was redrawn for it).
  useLayoutEffect(() => {
    return () => {
      layers.current?.dispose();
      layers.current = null;
    };
  }, [controller]);

  // A layout effect: with the demo's precomputed first screen, markers and zones go into the chart's first frame.
  useLayoutEffect(() => {
    if ((!result && !preview) || !controller) return;
    let current = true;
    // Already loaded: the controller came from the same module.
    void loadChart().then(({ OverlayLayers }) => {
      if (!current) return;
      // Built with the first thing to draw, not with the chart: the oscillator pane and overlay series would
      // otherwise re-lay out and repaint the chart before its first frame is even on screen.
      layers.current ??= new OverlayLayers(controller);
      if (result) layers.current.show(result.frame, result.analysis, key, result.historyStart ?? null);
      else if (preview) layers.current.showPreview(preview.frame, preview.events, preview.levels);
    });
    return () => {
      current = false;
    };
  }, [result, preview, key, controller]);

  useEffect(() => {
    if (!controller || !result) return;
    const events = result.analysis.detection.events;
    const onMove = (p: { time?: unknown }) => {
      const t = typeof p.time === 'number' ? p.time : null;
      setHovered(t === null ? [] : events.filter((e) => e.firstTime <= t && t <= e.lastTime));
    };
    controller.chart.subscribeCrosshairMove(onMove);
    return () => controller.chart.unsubscribeCrosshairMove(onMove);
  }, [controller, result]);

  const det = result?.analysis.detection;
  return (
    <div class="analysis-bar" data-testid="analysis-bar">
      <label>
        Oscillator{' '}
        <select
          value={key}
          onChange={(e) => setKey(e.currentTarget.value as OscillatorKey)}
          aria-label="Oscillator"
        >
          {Object.entries(OSCILLATORS).map(([k, title]) => (
            <option key={k} value={k}>
              {title}
            </option>
          ))}
        </select>
      </label>
      {children}
      {det && (
        <span
          class="analysis-counts"
          data-events={det.events.length}
          data-levels={result?.analysis.levels.length ?? 0}
        >
          {plural(det.events.length, 'spike event')} ·{' '}
          {/* "Active" is at the newest bar: a past cascade in view still shows the zones it left while they lived. */}
          {plural(result?.analysis.levels.filter((l) => l.state === 'active').length ?? 0, 'level')} active at
          the last bar · W {plural(det.window, 'bar')} · ≈{det.expectedFalseAlarmsPerDay.toFixed(2)} false
          alarms/day/series
        </span>
      )}
      {det && (
        <span
          class="analysis-branching"
          title="Hawkes-lite fit on the last W bars of USD (a marked approximation): ~1 = near-critical. A heuristic: Sornette & Utkin warn that per-event background labels (p_bg) are unreliable."
        >
          {describeBranching(det.branching)} (heuristic)
        </span>
      )}
      {hovered.map((e) => (
        <span key={e.id} class={`spike-readout spike-${e.eventClass}`} role="status">
          {describeEvent(e)}
        </span>
      ))}
    </div>
  );
}
