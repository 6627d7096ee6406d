/** The chart area: mounts the chart controller, the legend, and keyboard pan/zoom. */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BarFrame } from '../../core/series';
import type { FrameContext } from '../../workers/compute/api';
import { markFirstChartDrawn } from '../app/first-chart';
import { type LatestValue, useLatestValue } from '../common/latest-value';
import { ChartNotice, useNoticeStrip } from './ChartNotice';
import type { ChartController, ViewTarget } from './chart-controller';
import type { ContextChoice } from './context-choice';
import { type EdgeLines, Legend, type StackLegend } from './Legend';
import { loadChart } from './load-chart';
import { CHART_THEMES, type ThemeName } from './theme';

/** Props of the chart view. */
export interface ChartViewProps {
  /** The base asset on screen, named in the chart's label. */
  asset: string;
  frame: BarFrame | null;
  /** A frame to draw while `frame` is null (the demo's first frame, before the shell knows it). */
  early?: LatestValue<BarFrame | null>;
  notice: string | null;
  theme: ThemeName;
  /** Where the chart opens with its first frame (a shared link, the demo's first screen); null: the newest bars. */
  initialView?: (frame: BarFrame) => ViewTarget | null;
  /** EdgeLine prices for the legend. */
  edge?: EdgeLines | null;
  /** Set while the histogram is stacked by exchange: names and colours for the legend. */
  stack?: StackLegend | null;
  /** Open interest and funding of the frame and which panes show them. */
  context?: { values: FrameContext | null; choice: ContextChoice } | null;
  /** Open interest at each bar's open while spikes are scored in bp of it (the legend shows the bp values). */
  oiOpen?: ArrayLike<number> | null;
  /** Receives the controller once, so overlays (markers, levels) can attach. */
  onReady?: (controller: ChartController) => void;
  /** Drawn over the chart (an asset's empty state). */
  children?: ComponentChildren;
}

/** Candles + liquidation histogram with a crosshair legend. */
export function ChartView({
  asset,
  frame: given,
  early,
  notice,
  theme,
  initialView,
  edge = null,
  stack = null,
  context = null,
  oiOpen = null,
  onReady,
  children,
}: ChartViewProps) {
  const earlyFrame = useLatestValue(early, null);
  const frame = given ?? earlyFrame;
  const host = useRef<HTMLElement>(null);
  const controller = useRef<ChartController | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  // The newest bar in view: what the legend shows while nothing is hovered.
  const [resting, setResting] = useState<number | null>(null);
  // The frame after live in-place updates (the prop only changes on a full reload).
  const [live, setLive] = useState<BarFrame | null>(null);

  // The chart is created with its first frame, not before: creating it at mount blocks the main thread while the
  // first frame is being decoded, and an empty chart would be drawn (and redrawn on every layout change while the
  // page settles) for nothing. Measured: about 500 ms sooner to the first drawn chart on a cold start. A layout
  // effect, so it happens in the same task as the render that brought the frame, not a frame later.
  const hasFrame = frame !== null;
  const latest = useRef({ frame, theme, initialView, stacked: stack !== null, context });
  latest.current = { frame, theme, initialView, stacked: stack !== null, context };
  useLayoutEffect(() => {
    const el = host.current;
    if (!el || !hasFrame) return;
    let created: ChartController | null = null;
    let disposed = false;
    void loadChart().then(({ ChartController }) => {
      if (disposed) return;
      const c = new ChartController(el, latest.current.theme, setHover);
      performance.mark('liqlab:chart-created');
      created = c;
      controller.current = c;
      c.onLiveUpdate = setLive;
      c.setStacked(latest.current.stacked);
      const first = latest.current.frame;
      if (first) {
        c.setPendingView(latest.current.initialView?.(first) ?? null);
        c.setFrame(first);
      }
      const ctx = latest.current.context;
      if (ctx) c.context.show(first, ctx.values, ctx.choice);
      c.chart.timeScale().subscribeVisibleLogicalRangeChange(() => setResting(c.lastVisibleIndex()));
      // lightweight-charts draws in its next animation frame; the one after that sees it on screen.
      requestAnimationFrame(() => requestAnimationFrame(markFirstChartDrawn));
      onReady?.(c);
    });
    return () => {
      disposed = true;
      created?.dispose();
      controller.current = null;
    };
    // Created once, with the first frame; theme and data changes are applied below.
  }, [hasFrame]);

  useEffect(() => controller.current?.setTheme(theme), [theme]);
  useLayoutEffect(() => controller.current?.setStacked(stack !== null), [stack !== null]);
  // A layout effect: the candles must take a new frame before the overlays draw the analysis of that frame
  // (AnalysisOverlay draws a microtask later), or the overlay series would stretch the time scale under the view.
  useLayoutEffect(() => {
    setLive(null);
    if (frame) controller.current?.setFrame(frame);
  }, [frame]);
  // After the candles took the frame (the effect above), so the context series land on its time scale.
  useLayoutEffect(() => {
    if (context) controller.current?.context.show(frame, context.values, context.choice);
  }, [frame, context?.values, context?.choice]);

  const shown = live ?? frame;
  const bars = shown?.candles.close.length ?? 0;
  const { strip, dismiss } = useNoticeStrip(notice, bars);
  return (
    <div class={strip ? 'chart-area has-notice-strip' : 'chart-area'}>
      <Legend
        frame={shown}
        index={hover}
        resting={resting}
        edge={edge}
        stack={stack}
        oiOpen={oiOpen}
        context={
          context?.values
            ? { values: context.values, choice: context.choice, colours: CHART_THEMES[theme].context }
            : null
        }
      />
      <figure
        id="chart"
        ref={host}
        class="chart"
        data-bars={bars}
        data-ready={frame ? 'true' : 'false'}
        aria-label={`Chart: ${asset} candles, long and short liquidations, spike events and support/resistance zones (the legend above reads the bar under the crosshair)`}
      />
      {children}
      <ChartNotice notice={notice} bars={bars} strip={strip} onDismiss={dismiss} />
    </div>
  );
}

/** Handles chart keyboard shortcuts; returns true when the key was used. */
export function chartKey(controller: ChartController | null, key: string): boolean {
  if (!controller) return false;
  switch (key) {
    case 'ArrowLeft':
      controller.pan(-0.1);
      return true;
    case 'ArrowRight':
      controller.pan(0.1);
      return true;
    case '+':
    case '=':
      controller.zoom(0.8);
      return true;
    case '-':
    case '_':
      controller.zoom(1.25);
      return true;
    default:
      return false;
  }
}
