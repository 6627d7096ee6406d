/**
 * Owns the lightweight-charts instance: candles on pane 0, the long/short liquidation histogram on pane 1.
 * Views (legend, markers, level zones) attach through it; it holds no business logic.
 */
import {
  CandlestickSeries,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type MouseEventParams,
  type Time,
} from 'lightweight-charts';
import { type BarFrame, sliceFrame } from '../../core/series';
import { formatTick } from '../format/ticks';
import { formatAxisPrice, formatUsd } from '../format/usd';
import { barIndex, changedTail, toChartData } from './chart-data';
import { CHART_THEMES, type ThemeName } from './theme';

/** What the crosshair points at, or null when it leaves the chart. */
export type HoverHandler = (index: number | null) => void;

/** Chart wrapper with the two panes LiqLab always shows. */
export class ChartController {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly shorts: ISeriesApi<'Histogram'>;
  readonly longs: ISeriesApi<'Histogram'>;
  private frame: BarFrame | null = null;
  private readonly resizer: ResizeObserver;
  /** Called after a live in-place update, so the legend can show the newest values. */
  onLiveUpdate: ((frame: BarFrame) => void) | null = null;
  private redraws = 0;
  private liveUpdates = 0;

  constructor(
    private readonly container: HTMLElement,
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
      localization: {
        timeFormatter: (t: number) => new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' '),
      },
    });
    // Price axis as 63,000.5 rather than 63000.50. Set on the series: a chart-wide localization formatter would
    // also override the USD histogram's own compact formatter.
    this.candles = this.chart.addSeries(CandlestickSeries, {
      priceLineVisible: true,
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
    this.chart.panes()[1]?.setHeight(Math.max(90, Math.round(container.clientHeight * 0.28)));
    let size = `${container.clientWidth}x${container.clientHeight}`;
    this.resizer = new ResizeObserver(() => {
      const next = `${container.clientWidth}x${container.clientHeight}`;
      if (next === size) return;
      size = next;
      this.chart.resize(container.clientWidth, container.clientHeight);
    });
    this.resizer.observe(container);
    this.setTheme(theme);
    this.chart.subscribeCrosshairMove((p: MouseEventParams) => {
      const t = p.time as number | undefined;
      onHover(t === undefined || !this.frame ? null : barIndex(this.frame, t));
    });
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
    this.frame = frame;
    const data = toChartData(frame);
    this.candles.setData(data.candles);
    this.shorts.setData(data.shorts);
    this.longs.setData(data.longs);
    // Counters on the element let tests tell a full redraw from an in-place update.
    this.container.dataset.redraws = String(++this.redraws);
    this.showRecent(150);
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
    this.container.dataset.liveUpdates = String(++this.liveUpdates);
    this.onLiveUpdate?.(frame);
  }

  /** The frame on screen. */
  get currentFrame(): BarFrame | null {
    return this.frame;
  }

  /** Shows the last `bars` bars. */
  showRecent(bars: number): void {
    const n = this.frame?.candles.close.length ?? 0;
    if (n > 0) this.chart.timeScale().setVisibleLogicalRange({ from: Math.max(0, n - bars), to: n + 3 });
  }

  /** Centres the view on the bar containing `time` (unix seconds), keeping the zoom. */
  jumpTo(time: number): void {
    const f = this.frame;
    if (!f) return;
    const ts = this.chart.timeScale();
    const r = ts.getVisibleLogicalRange();
    const half = r ? (r.to - r.from) / 2 : 75;
    const i = Math.floor((time - f.start) / f.step);
    ts.setVisibleLogicalRange({ from: i - half, to: i + half });
  }

  /** Pans by a fraction of the visible width (negative = back in time). */
  pan(fraction: number): void {
    const ts = this.chart.timeScale();
    const r = ts.getVisibleLogicalRange();
    if (!r) return;
    const shift = (r.to - r.from) * fraction;
    ts.setVisibleLogicalRange({ from: r.from + shift, to: r.to + shift });
  }

  /** Zooms around the right edge; factor < 1 zooms in. */
  zoom(factor: number): void {
    const ts = this.chart.timeScale();
    const r = ts.getVisibleLogicalRange();
    if (!r) return;
    const width = Math.max(10, (r.to - r.from) * factor);
    ts.setVisibleLogicalRange({ from: r.to - width, to: r.to });
  }

  /** Applies a colour theme. */
  setTheme(name: ThemeName): void {
    const t = CHART_THEMES[name];
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
    this.shorts.applyOptions({ color: t.shortLiq });
    this.longs.applyOptions({ color: t.longLiq });
  }

  /** Releases the chart. */
  dispose(): void {
    this.resizer.disconnect();
    this.chart.remove();
  }
}
