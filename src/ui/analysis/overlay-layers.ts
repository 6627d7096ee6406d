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
import type { OscillatorKey } from './oscillators';

function pick(a: Analysis, key: OscillatorKey): Float64Array {
  const d = a.detection;
  if (key === 'pressure') return d.long.z.map((z, i) => z - (d.short.z[i] ?? Number.NaN));
  if (key === 'heat') return d.heatZ;
  return a.oscillators[key];
}

function line(frame: BarFrame, values: Float64Array) {
  const out: Array<{ time: UTCTimestamp; value?: number }> = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? Number.NaN;
    const time = (frame.start + i * frame.step) as UTCTimestamp;
    out.push(Number.isFinite(v) ? { time, value: v } : { time });
  }
  return out;
}

/** Owns the layers on one controller; `show` replaces their data. */
export class OverlayLayers {
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  readonly zones = new LevelZones();
  private readonly edgeLong: ISeriesApi<'Line'>;
  private readonly edgeShort: ISeriesApi<'Line'>;
  private readonly osc: ISeriesApi<'Line'>;
  private markerTimes: number[] = [];
  private readonly countMarkers = () => this.updateMarkersInView();

  constructor(private readonly c: ChartController) {
    this.markers = createSeriesMarkers(c.candles, []);
    c.candles.attachPrimitive(this.zones);
    // No axis labels: they would sit on the last-price label; the legend names both lines and their values.
    const thin = { lineWidth: 1 as const, priceLineVisible: false, lastValueVisible: false };
    this.edgeLong = c.chart.addSeries(LineSeries, { ...thin, color: '#22c55e', lineStyle: 2 });
    this.edgeShort = c.chart.addSeries(LineSeries, { ...thin, color: '#ef4444', lineStyle: 2 });
    this.osc = c.osc;
    // What is in view, on the chart element: the first-screen test and the screen-reader summary read these.
    this.zones.onInView = (n) => {
      c.container.dataset.zonesInView = String(n);
    };
    c.chart.timeScale().subscribeVisibleLogicalRangeChange(this.countMarkers);
  }

  /** Draws an analysis and the chosen oscillator. */
  show(frame: BarFrame, a: Analysis, key: OscillatorKey, historyStart: number | null): void {
    this.c.keepingView(() => {
      this.showMarkersAndZones(frame, a.detection.events, a.levels, historyStart);
      this.edgeLong.setData(line(frame, a.oscillators.edgeLong));
      this.edgeShort.setData(line(frame, a.oscillators.edgeShort));
      this.osc.setData(line(frame, pick(a, key)));
    });
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
    this.markers.setMarkers(marks);
    this.zones.setLevels(levels, frame);
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

  /** Markers currently set (for tests and the readout). */
  get markerCount(): number {
    return this.markers.markers().length;
  }

  /** Removes every layer. */
  dispose(): void {
    this.c.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.countMarkers);
    this.markers.detach();
    this.c.candles.detachPrimitive(this.zones);
    for (const s of [this.edgeLong, this.edgeShort]) this.c.chart.removeSeries(s);
    this.osc.setData([]);
  }
}
