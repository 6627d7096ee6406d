/** Chart layers for one analysis: spike markers, level zones, EdgeLine on the price pane, oscillator pane. */
import {
  createSeriesMarkers,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineSeries,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Analysis } from '../../core/analysis/analyzer';
import type { MarkerEvent, ZoneLevel } from '../../core/demo/preview';
import type { BarFrame } from '../../core/series';
import type { ChartController } from '../chart/chart-controller';
import { LevelZones } from '../chart/level-zones';
import { spikeMarkers } from '../chart/spike-markers';
import { quietMode } from '../data/quiet-mode';
import type { OscillatorKey } from './oscillators';

function pick(a: Analysis, key: OscillatorKey): Float64Array {
  const d = a.detection;
  if (key === 'pressure') return d.long.z.map((z, i) => z - (d.short.z[i] ?? Number.NaN));
  if (key === 'heat') return d.heatZ;
  return a.oscillators[key];
}

type LinePoint = { time: UTCTimestamp; value?: number };

function point(frame: BarFrame, values: Float64Array, i: number): LinePoint {
  const v = values[i] ?? Number.NaN;
  const time = (frame.start + i * frame.step) as UTCTimestamp;
  return Number.isFinite(v) ? { time, value: v } : { time };
}

/**
 * One line series kept in step with a frame: when the frame only grew or its newest bar changed (a live update),
 * only those points go through `update()`; anything else replaces all data.
 */
class LineFeed {
  private start = Number.NaN;
  private step = Number.NaN;
  private shown = new Float64Array(0);

  constructor(readonly series: ISeriesApi<'Line'>) {}

  show(frame: BarFrame, values: Float64Array): void {
    const n = values.length;
    const prev = this.shown;
    let from = 0;
    if (frame.start === this.start && frame.step === this.step && n >= prev.length && prev.length > 0) {
      from = prev.length - 1;
      for (let i = 0; i < prev.length - 1; i++)
        if (!Object.is(prev[i], values[i])) {
          from = -1;
          break;
        }
    } else from = -1;
    if (from >= 0 && quietMode) for (let i = from; i < n; i++) this.series.update(point(frame, values, i));
    else {
      const all: LinePoint[] = new Array(n);
      for (let i = 0; i < n; i++) all[i] = point(frame, values, i);
      this.series.setData(all);
    }
    this.start = frame.start;
    this.step = frame.step;
    this.shown = values.slice();
  }

  /** Empties the series (it may outlive this feed, as the oscillator pane's line does). */
  clear(): void {
    this.series.setData([]);
    this.shown = new Float64Array(0);
    this.start = Number.NaN;
  }
}

/** Owns the layers on one controller; `show` replaces their data. */
export class OverlayLayers {
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  readonly zones = new LevelZones();
  /** EdgeLine long and short: made with the first analysis (the demo's first screen has none to draw). */
  private edge: { long: LineFeed; short: LineFeed } | null = null;
  private readonly osc: LineFeed;
  private markerTimes: number[] = [];
  private readonly countMarkers = () => this.updateMarkersInView();
  /** What the markers and zones show now, so a live update that leaves them alone does not redraw them. */
  private marksShown = '';
  private levelsShown = '';

  constructor(private readonly c: ChartController) {
    this.markers = createSeriesMarkers(c.candles, []);
    c.candles.attachPrimitive(this.zones);
    this.osc = new LineFeed(c.osc);
    // What is in view, on the chart element: the first-screen test and the screen-reader summary read these.
    this.zones.onInView = (n) => {
      c.container.dataset.zonesInView = String(n);
    };
    c.chart.timeScale().subscribeVisibleLogicalRangeChange(this.countMarkers);
  }

  /** Draws an analysis and the chosen oscillator; a live update redraws only what changed. */
  show(frame: BarFrame, a: Analysis, key: OscillatorKey, historyStart: number | null): void {
    this.c.keepingView(() => {
      this.showMarkersAndZones(frame, a.detection.events, a.levels, historyStart);
      const edge = this.edgeLines();
      edge.long.show(frame, a.oscillators.edgeLong);
      edge.short.show(frame, a.oscillators.edgeShort);
      this.osc.show(frame, pick(a, key));
    });
  }

  /**
   * The EdgeLine series, added on first use: each series added to a chart re-lays out every pane, so the two are
   * not made before the first frame when that frame does not draw them.
   */
  private edgeLines(): { long: LineFeed; short: LineFeed } {
    if (this.edge) return this.edge;
    // No axis labels: they would sit on the last-price label; the legend names both lines and their values.
    const thin = { lineWidth: 1 as const, priceLineVisible: false, lastValueVisible: false };
    const chart = this.c.chart;
    this.edge = {
      long: new LineFeed(chart.addSeries(LineSeries, { ...thin, color: '#22c55e', lineStyle: 2 })),
      short: new LineFeed(chart.addSeries(LineSeries, { ...thin, color: '#ef4444', lineStyle: 2 })),
    };
    return this.edge;
  }

  /** Draws precomputed markers and zones only (the demo's first screen, before the worker's analysis). */
  showPreview(frame: BarFrame, events: readonly MarkerEvent[], levels: readonly ZoneLevel[]): void {
    this.showMarkersAndZones(frame, events, levels, null);
  }

  private showMarkersAndZones(
    frame: BarFrame,
    events: readonly MarkerEvent[],
    levels: readonly ZoneLevel[],
    historyStart: number | null,
  ): void {
    const marks = spikeMarkers(events);
    this.markerTimes = marks.map((m) => m.time);
    if (historyStart !== null && historyStart > frame.start) {
      marks.push({
        time: historyStart as UTCTimestamp,
        position: 'aboveBar',
        shape: 'square',
        color: '#94a3b8',
        text: 'history begins',
      });
      marks.sort((x, y) => x.time - y.time);
    }
    const marksKey = JSON.stringify(marks);
    if (marksKey !== this.marksShown || !quietMode) this.markers.setMarkers(marks);
    this.marksShown = marksKey;
    // Zones are drawn over their lifetime within the frame, so the frame's extent is part of what they show.
    const levelsKey = `${frame.start}/${frame.step}/${frame.candles.close.length}/${JSON.stringify(levels)}`;
    if (levelsKey !== this.levelsShown || !quietMode) this.zones.setLevels(levels, frame);
    this.levelsShown = levelsKey;
    this.updateMarkersInView();
  }

  private updateMarkersInView(): void {
    const view = this.c.currentView();
    const f = this.c.currentFrame;
    if (!view || !f) return;
    const half = (view.bars / 2) * f.step;
    const n = this.markerTimes.filter((t) => t >= view.time - half && t <= view.time + half).length;
    this.c.container.dataset.markersInView = String(n);
  }

  /** The line series (EdgeLine long and short once an analysis was shown, oscillator), for tests. */
  get lines(): Array<ISeriesApi<'Line'>> {
    const edge = this.edge ? [this.edge.long.series, this.edge.short.series] : [];
    return [...edge, this.osc.series];
  }

  /** Markers currently set (for tests and the readout). */
  get markerCount(): number {
    return this.markers.markers().length;
  }

  /** Removes every layer (and says so on the chart element: nothing of it is in view any more). */
  dispose(): void {
    this.c.container.dataset.zonesInView = '0';
    this.c.container.dataset.markersInView = '0';
    this.zones.onInView = null;
    this.c.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.countMarkers);
    this.markers.detach();
    this.c.candles.detachPrimitive(this.zones);
    if (this.edge) for (const s of [this.edge.long, this.edge.short]) this.c.chart.removeSeries(s.series);
    this.edge = null;
    this.osc.clear();
  }
}
