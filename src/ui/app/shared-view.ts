/**
 * The address bar as the view: read once at start (a shared link or an alert's deep link opens that view), then
 * kept in step with history.replaceState as the timeframe, contracts, visible range and panel change, so the
 * address is always a link to what is on screen ("Copy link" copies it). No history entries are added: Back
 * leaves the app rather than stepping through every pan.
 */
import { useEffect } from 'preact/hooks';
import type { ContractFilter } from '../../core/market';
import {
  buildViewUrl,
  type PanelId,
  parseViewState,
  saysAnything,
  type ViewState,
  viewQuery,
} from '../../core/view-url';
import type { ChartController, ViewTarget } from '../chart/chart-controller';
import type { Layout } from './layout-store';

/** The view the page was opened with (read once: later address changes are our own). */
export const START_VIEW: ViewState = parseViewState(location.search);

/** The remembered layout with what the opening link says on top (asset, timeframe, histogram mode, open panel). */
export function withStartView(layout: Layout): Layout {
  const v = START_VIEW;
  return {
    ...layout,
    asset: v.asset ?? layout.asset,
    timeframe: v.timeframe ?? layout.timeframe,
    histogram: v.histogram ?? layout.histogram,
    ...(v.panel ? { sidePanelOpen: true, panel: v.panel } : {}),
  };
}

/**
 * Where the chart opens: the link's place; with a link that names no place, the newest bars; with no link at
 * all, `firstScreen` (the demo's chosen window) or the newest bars.
 */
export function startTarget(firstScreen: ViewTarget | null): ViewTarget | null {
  if (START_VIEW.time !== null) return { time: START_VIEW.time, bars: START_VIEW.bars };
  return saysAnything(START_VIEW) ? null : firstScreen;
}

/** The view on screen as URL state; the place is left out while the chart shows the newest bar. */
export function currentViewState(
  layout: Layout,
  filter: ContractFilter,
  chart: ChartController | null,
): ViewState {
  const view = chart?.currentView() ?? null;
  const waiting = chart?.pendingTarget ?? null;
  const place = waiting
    ? { time: Math.round(waiting.time), bars: waiting.bars === null ? null : Math.round(waiting.bars) }
    : view
      ? view.atEnd
        ? { time: null, bars: null }
        : { time: Math.round(view.time), bars: Math.round(view.bars) }
      : // No chart yet: keep what the link said, so an early write does not lose it.
        { time: START_VIEW.time, bars: START_VIEW.bars };
  const panel: PanelId | null = layout.sidePanelOpen ? layout.panel : null;
  // The default histogram is left out, so links to the usual view stay as they were.
  const histogram = layout.histogram === 'exchanges' ? 'exchanges' : null;
  return { asset: layout.asset, timeframe: layout.timeframe, contracts: filter, histogram, ...place, panel };
}

/** An absolute link to the view on screen. */
export function shareUrl(layout: Layout, filter: ContractFilter, chart: ChartController | null): string {
  return buildViewUrl(
    new URL(import.meta.env.BASE_URL, location.origin).href,
    currentViewState(layout, filter, chart),
  );
}

/** Writes the view into the address bar whenever it changes (pans and zooms at most every 300 ms). */
export function useViewInAddressBar(
  layout: Layout,
  filter: ContractFilter,
  chart: ChartController | null,
): void {
  useEffect(() => {
    const write = () => {
      const query = viewQuery(currentViewState(layout, filter, chart));
      if (query !== location.search) history.replaceState(history.state, '', `${location.pathname}${query}`);
    };
    write();
    if (!chart) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (timer === null)
        timer = setTimeout(() => {
          timer = null;
          write();
        }, 300);
    };
    const ts = chart.chart.timeScale();
    ts.subscribeVisibleLogicalRangeChange(later);
    return () => {
      ts.unsubscribeVisibleLogicalRangeChange(later);
      if (timer !== null) clearTimeout(timer);
    };
  }, [layout.asset, layout.timeframe, layout.histogram, layout.sidePanelOpen, layout.panel, filter, chart]);
}
