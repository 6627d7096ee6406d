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

  constructor(private readonly c: ChartController) {
    this.markers = createSeriesMarkers(c.candles, []);
    c.candles.attachPrimitive(this.zones);
    const thin = { lineWidth: 1 as const, priceLineVisible: false, lastValueVisible: false };
    this.edgeLong = c.chart.addSeries(LineSeries, {
      ...thin,
      color: '#22c55e',
      lineStyle: 2,
      title: 'Edge L',
    });
    this.edgeShort = c.chart.addSeries(LineSeries, {
      ...thin,
      color: '#ef4444',
      lineStyle: 2,
      title: 'Edge S',
    });
    this.osc = c.chart.addSeries(LineSeries, { ...thin, color: '#38bdf8', lastValueVisible: true }, 2);
    c.chart.panes()[2]?.setHeight(90);
  }

  /** Draws an analysis and the chosen oscillator. */
  show(frame: BarFrame, a: Analysis, key: OscillatorKey, historyStart: number | null): void {
    const marks = spikeMarkers(a.detection.events);
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
    this.zones.setLevels(a.levels);
    this.edgeLong.setData(line(frame, a.oscillators.edgeLong));
    this.edgeShort.setData(line(frame, a.oscillators.edgeShort));
    this.osc.setData(line(frame, pick(a, key)));
  }

  /** Markers currently set (for tests and the readout). */
  get markerCount(): number {
    return this.markers.markers().length;
  }

  /** Removes every layer. */
  dispose(): void {
    this.markers.detach();
    this.c.candles.detachPrimitive(this.zones);
    for (const s of [this.edgeLong, this.edgeShort, this.osc]) this.c.chart.removeSeries(s);
  }
}
