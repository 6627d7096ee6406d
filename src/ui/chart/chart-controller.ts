/**
 * Owns the lightweight-charts instance: candles on pane 0, the long/short liquidation histogram on pane 1, the
 * oscillator on pane 2.
 * Views (legend, markers, level zones) attach through it; it holds no business logic.
 */
import {
  CandlestickSeries,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  type MouseEventParams,
  type SeriesType,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { type BarFrame, sliceFrame } from '../../core/series';
import { formatTick } from '../format/ticks';
import { formatAxisPrice, formatGrouped, formatUsd } from '../format/usd';
import { barIndex, changedTail, toChartData } from './chart-data';
import { ContextPanes } from './context-panes';
import { ExchangeStacks } from './exchange-stacks';
import { LastPriceLine } from './last-price-line';
import { CHART_THEMES, type ThemeName } from './theme';

/** What the crosshair points at, or null when it leaves the chart. */
export type HoverHandler = (index: number | null) => void;

/** A view by time: the centre of the visible range and how many bars it spans (null: keep the current zoom). */
export interface ViewTarget {
  time: number;
  bars: number | null;
}

/** The visible range as a view, and whether it shows the newest bar (the view follows new data then). */
export interface CurrentView {
  time: number;
  bars: number;
  atEnd: boolean;
}

/** Bars shown when nothing says otherwise. */
const DEFAULT_BARS = 150;
/** Axis labels closer than this (CSS px) to an edge shared by two panes are left out. */
const EDGE_GAP = 12;

/** Chart wrapper with the two panes LiqLab always shows. */
export class ChartController {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly shorts: ISeriesApi<'Histogram'>;
  readonly longs: ISeriesApi<'Histogram'>;
  /** The oscillator pane's line (pane 2), empty until an analysis fills it. */
  readonly osc: ISeriesApi<'Line'>;
  private frame: BarFrame | null = null;
  private pendingView: ViewTarget | null = null;
  private pendingUntil = 0;
  private pendingRange: { from: number; to: number } | null = null;
  private rangeToken = 0;
  private readonly resizer: ResizeObserver;
  /** Called after a live in-place update, so the legend can show the newest values. */
  onLiveUpdate: ((frame: BarFrame) => void) | null = null;
  private redraws = 0;
  private liveUpdates = 0;
  /** The histogram by exchange (no series until first shown). */
  readonly stacks: ExchangeStacks;
  /** Open interest and funding panes (none until chosen). */
  readonly context: ContextPanes;
  private readonly lastPrice: LastPriceLine;

  constructor(
    readonly container: HTMLElement,
    theme: ThemeName,
    onHover: HoverHandler,
  ) {
    this.chart = createChart(container, {
      // Sized from the laid-out container now, then kept in step by our observer: autoSize would render once at a
      // default size and again when its observer fires, a second full paint on a cold start.
      width: container.clientWidth,
      height: container.clientHeight,
      timeScale: {
        timeVisible: true,
        secondsVisible: false,
        rightOffset: 4,
        tickMarkFormatter: (time: Time, kind: number) => formatTick(time as number, kind),
      },
      rightPriceScale: { borderVisible: false },
      // Touch: one finger pans the time axis, two fingers pinch-zoom it; vertical drags are left alone.
      handleScroll: { mouseWheel: true, pressedMouseMove: true, horzTouchDrag: true, vertTouchDrag: false },
      handleScale: { mouseWheel: true, pinch: true, axisPressedMouseMove: true, axisDoubleClickReset: true },
      kineticScroll: { touch: true, mouse: false },
      localization: {
        timeFormatter: (t: number) => new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' '),
      },
    });
    // Price axis as 63,000.5 rather than 63000.50. Set on the series: a chart-wide localization formatter would
    // also override the USD histogram's own compact formatter.
    // The last price is drawn by LastPriceLine: the series' own label shows the last bar in view, not the newest.
    this.candles = this.chart.addSeries(CandlestickSeries, {
      priceLineVisible: false,
      lastValueVisible: false,
      priceFormat: { type: 'custom', formatter: formatAxisPrice, minMove: 0.01 },
    });
    const usd = { type: 'custom' as const, formatter: (v: number) => formatUsd(Math.abs(v)), minMove: 1 };
    this.shorts = this.chart.addSeries(
      HistogramSeries,
      { priceFormat: usd, lastValueVisible: false, priceLineVisible: false },
      1,
    );
    this.longs = this.chart.addSeries(
      HistogramSeries,
      { priceFormat: usd, lastValueVisible: false, priceLineVisible: false },
      1,
    );
    // Pane sizes as stretch factors, not pixel heights: a height set before the chart's first layout is lost.
    // The oscillator pane exists from the start: adding a pane later re-lays out and repaints every pane.
    this.osc = this.chart.addSeries(
      LineSeries,
      { lineWidth: 1, color: '#38bdf8', priceLineVisible: false, lastValueVisible: true },
      2,
    );
    for (const [k, f] of [0.64, 0.23, 0.13].entries()) this.chart.panes()[k]?.setStretchFactor(f);
    // Axis labels never sit at a boundary between two panes, where they would crowd the neighbour's (the
    // histogram's "$15.00M" over the oscillator's "1.00"): labels within EDGE_GAP px of such an edge are left out,
    // and the margins keep the data (with its last-value label) clear of that band.
    this.shorts.priceScale().applyOptions({ scaleMargins: { top: 0.15, bottom: 0.15 } });
    this.osc.priceScale().applyOptions({ scaleMargins: { top: 0.25, bottom: 0.12 } });
    const price = this.edgeAware(this.candles, 0, formatAxisPrice, false, true);
    this.candles.applyOptions({ priceFormat: { type: 'custom', formatter: price, minMove: 0.01 } });
    const usdLabel = this.edgeAware(this.shorts, 1, (v) => formatUsd(Math.abs(v)), true, true);
    for (const s of [this.shorts, this.longs])
      s.applyOptions({ priceFormat: { type: 'custom', formatter: usdLabel, minMove: 1 } });
    const oscLabel = this.edgeAware(this.osc, 2, (v) => formatGrouped(v, 2, 2), true, false);
    this.osc.applyOptions({ priceFormat: { type: 'custom', formatter: oscLabel, minMove: 0.01 } });
    this.stacks = new ExchangeStacks(this.chart, [this.shorts, this.longs]);
    this.lastPrice = new LastPriceLine(this.candles);
    this.context = new ContextPanes(this.chart, CHART_THEMES[theme].context);
    let size = `${container.clientWidth}x${container.clientHeight}`;
    this.resizer = new ResizeObserver(() => {
      const next = `${container.clientWidth}x${container.clientHeight}`;
      if (next === size) return;
      size = next;
      // Keep the place in view centred (the chart alone would keep the right edge and push the left out).
      const view = this.currentView();
      this.chart.resize(container.clientWidth, container.clientHeight);
      if (view && !view.atEnd) this.showView(view);
    });
    this.resizer.observe(container);
    this.setTheme(theme);
    this.chart.subscribeCrosshairMove((p: MouseEventParams) => {
      const t = p.time as number | undefined;
      onHover(t === undefined || !this.frame ? null : barIndex(this.frame, t));
    });
  }

  /** A label formatter for `series` that leaves out labels within EDGE_GAP px of its pane's shared edges. */
  private edgeAware(
    series: ISeriesApi<SeriesType>,
    pane: number,
    format: (v: number) => string,
    top: boolean,
    bottom: boolean,
  ): (v: number) => string {
    return (v) => {
      const y = series.priceToCoordinate(v);
      const h = this.chart.panes()[pane]?.getHeight() ?? 0;
      if (y !== null && ((top && y < EDGE_GAP) || (bottom && y > h - EDGE_GAP))) return '';
      return format(v);
    };
  }

  /**
   * Shows a frame. When history is unchanged and only the newest bar changed or one was appended (live data),
   * just those bars go through series.update(); anything else replaces all data.
   */
  setFrame(frame: BarFrame): void {
    const from = this.frame ? changedTail(this.frame, frame) : -1;
    if (from >= 0) {
      this.updateFrom(frame, from);
      return;
    }
    const before = this.currentView();
    this.frame = frame;
    const data = toChartData(frame);
    this.candles.setData(data.candles);
    this.lastPrice.show(frame.candles);
    this.shorts.setData(data.shorts);
    this.longs.setData(data.longs);
    this.stacks.show(frame, null);
    // Counters on the element let tests tell a full redraw from an in-place update.
    this.container.dataset.redraws = String(++this.redraws);
    // New data keeps the place the user was looking at (a timeframe switch keeps the time and the zoom in bars),
    // unless that place was the newest bar, or is not in the new data (the demo gave way to the archive): then the
    // newest bars.
    const n = frame.candles.close.length;
    const holds = (t: number) => t >= frame.start && t < frame.start + n * frame.step;
    // A link's place waits (up to a minute) for data that holds it: a first backfill may not have reached it yet.
    if (this.pendingView && performance.now() > this.pendingUntil) this.pendingView = null;
    const pending = this.pendingView && holds(this.pendingView.time) ? this.pendingView : null;
    if (pending) this.pendingView = null;
    if (pending) this.showView(pending);
    else if (before && !before.atEnd && holds(before.time)) this.showView(before);
    else this.showRecent(before?.bars ?? DEFAULT_BARS);
  }

  /** The view still waiting for data that holds it, if any. */
  get pendingTarget(): ViewTarget | null {
    return this.pendingView && performance.now() <= this.pendingUntil ? this.pendingView : null;
  }

  /** The view the next frame that holds it opens on (a shared link, the demo's first screen), not the newest bars. */
  setPendingView(view: ViewTarget | null): void {
    this.pendingView = view;
    this.pendingUntil = performance.now() + 60_000;
  }

  /**
   * Logical index of the frame's first bar. Usually 0, but overlay series drawn from another frame (the full
   * analysis arriving while a shorter preview is on screen) can extend the time scale to the left.
   */
  private origin(): number {
    const f = this.frame;
    return f ? (this.chart.timeScale().timeToIndex(f.start as number as UTCTimestamp, true) ?? 0) : 0;
  }

  /** The visible range as a view, or null before data. */
  currentView(): CurrentView | null {
    const f = this.frame;
    const n = f?.candles.close.length ?? 0;
    const r = this.visibleRange();
    if (!f || !r || n === 0) return null;
    const centre = (r.from + r.to) / 2;
    return { time: f.start + centre * f.step, bars: r.to - r.from, atEnd: r.to >= n - 1 };
  }

  /** The visible range in bars of the frame (not the chart's logical indices), or null before data. */
  private visibleRange(): { from: number; to: number } | null {
    if (this.pendingRange) return this.pendingRange;
    const r = this.chart.timeScale().getVisibleLogicalRange();
    if (!r) return null;
    const o = this.origin();
    return { from: r.from - o, to: r.to - o };
  }

  /**
   * Sets the visible range in bars of the frame. The chart applies it at its next frame; until then it is also
   * what currentView() reports, so code that reads the view right after setting it sees the new one.
   */
  private setRange(from: number, to: number): void {
    const o = this.origin();
    this.chart.timeScale().setVisibleLogicalRange({ from: o + from, to: o + to });
    this.pendingRange = { from, to };
    const token = ++this.rangeToken;
    requestAnimationFrame(() => {
      if (this.rangeToken === token) this.pendingRange = null;
    });
  }

  /**
   * Runs `change` (overlay data being replaced) without moving the view: the chart keeps a view's distance from
   * the newest bar, so data reaching further right or left than the frame on screen would otherwise shift it.
   */
  keepingView(change: () => void): void {
    const view = this.currentView();
    change();
    if (!view) return;
    // At the newest bars it stays there: overlays dropping another frame's older times (the demo's, after an
    // import) shift every logical index, and the chart would keep the old numbers, past the end of the data.
    if (view.atEnd) this.showRecent(Math.round(view.bars));
    else this.showView(view);
  }

  /** Index (in the frame) of the newest bar in view, for the legend when nothing is hovered; null before data. */
  lastVisibleIndex(): number | null {
    const n = this.frame?.candles.close.length ?? 0;
    const r = this.visibleRange();
    if (!r || n === 0) return null;
    return Math.max(0, Math.min(n - 1, Math.floor(r.to)));
  }

  /** Shows `view.bars` bars centred on `view.time` (the current zoom when bars is null). */
  showView(view: ViewTarget): void {
    const f = this.frame;
    if (!f) return;
    const n = f.candles.close.length;
    const bars = Math.min(
      Math.max(10, view.bars ?? this.currentView()?.bars ?? DEFAULT_BARS),
      Math.max(10, n + 10),
    );
    const centre = (view.time - f.start) / f.step;
    this.setRange(centre - bars / 2, centre + bars / 2);
  }

  /** Updates or appends the newest bar only (live data), without redrawing history. */
  updateLastBar(frame: BarFrame): void {
    this.updateFrom(frame, Math.max(0, frame.candles.close.length - 1));
  }

  private updateFrom(frame: BarFrame, from: number): void {
    this.frame = frame;
    const tail = toChartData(sliceFrame(frame, from));
    for (let i = 0; i < tail.candles.length; i++) {
      const candle = tail.candles[i];
      const short = tail.shorts[i];
      const long = tail.longs[i];
      if (candle) this.candles.update(candle);
      if (short) this.shorts.update(short);
      if (long) this.longs.update(long);
    }
    this.lastPrice.show(frame.candles);
    this.stacks.show(frame, from);
    this.container.dataset.liveUpdates = String(++this.liveUpdates);
    this.onLiveUpdate?.(frame);
  }

  /** Histogram by exchange (each exchange's longs and shorts stacked per bar) or the aggregate bars. */
  setStacked(on: boolean): void {
    this.stacks.setOn(on, this.frame);
  }

  /** The frame on screen. */
  get currentFrame(): BarFrame | null {
    return this.frame;
  }

  /** Shows the last `bars` bars. */
  showRecent(bars: number): void {
    const n = this.frame?.candles.close.length ?? 0;
    if (n > 0) this.setRange(Math.max(0, n - bars), n + 3);
  }

  /** Centres the view on the bar containing `time` (unix seconds), keeping the zoom. */
  jumpTo(time: number): void {
    const f = this.frame;
    if (!f) return;
    this.showView({ time: f.start + Math.floor((time - f.start) / f.step) * f.step, bars: null });
  }

  /** Pans by a fraction of the visible width (negative = back in time). */
  pan(fraction: number): void {
    const r = this.visibleRange();
    if (!r) return;
    const shift = (r.to - r.from) * fraction;
    this.setRange(r.from + shift, r.to + shift);
  }

  /** Zooms around the right edge; factor < 1 zooms in. */
  zoom(factor: number): void {
    const r = this.visibleRange();
    if (!r) return;
    this.setRange(r.to - Math.max(10, (r.to - r.from) * factor), r.to);
  }

  /** Applies a colour theme. */
  setTheme(name: ThemeName): void {
    const t = CHART_THEMES[name];
    this.stacks.setColours(t.exchanges);
    this.context.setColours(t.context);
    this.chart.applyOptions({
      layout: { background: { color: t.background }, textColor: t.text, panes: { separatorColor: t.grid } },
      grid: { vertLines: { color: t.grid }, horzLines: { color: t.grid } },
    });
    this.candles.applyOptions({
      upColor: t.up,
      downColor: t.down,
      borderVisible: false,
      wickUpColor: t.up,
      wickDownColor: t.down,
    });
    this.lastPrice.setColours(t.up, t.down);
    this.shorts.applyOptions({ color: t.shortLiq });
    this.longs.applyOptions({ color: t.longLiq });
  }

  /** Releases the chart. */
  dispose(): void {
    this.resizer.disconnect();
    this.chart.remove();
  }
}
