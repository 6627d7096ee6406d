/**
 * The histogram by exchange: each layer (an exchange, or "Other") stacked per bar, shorts upward and longs
 * downward, on the aggregate histogram's pane. Layer j is drawn as a histogram of the stack's edge j (layers 0..j
 * summed), the highest edge at the back, so each layer shows as the band between two edges and the top of a stack
 * is the aggregate bar. Bars the aggregate has as a gap stay gaps.
 */
import {
  type HistogramData,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
  type WhitespaceData,
} from 'lightweight-charts';
import { frameLayers, STACK_LAYERS, type StackLayer } from '../../core/exchange-stack';
import type { BarFrame } from '../../core/series';

type Point = HistogramData<UTCTimestamp> | WhitespaceData<UTCTimestamp>;

/** Per layer slot, the series points of bars [from, n): edge values where the aggregate is known, else gaps. */
export function stackData(
  frame: BarFrame,
  layers: readonly StackLayer[],
  from = 0,
): { shorts: Point[][]; longs: Point[][] } {
  const n = frame.liq.long.length;
  const shorts: Point[][] = Array.from({ length: STACK_LAYERS }, () => []);
  const longs: Point[][] = Array.from({ length: STACK_LAYERS }, () => []);
  for (let i = from; i < n; i++) {
    const time = (frame.start + i * frame.step) as UTCTimestamp;
    const known = frame.liq.covered[i] === 1;
    let up = 0;
    let down = 0;
    for (let j = 0; j < STACK_LAYERS; j++) {
      const layer = layers[j];
      if (!known || !layer) {
        shorts[j]?.push({ time });
        longs[j]?.push({ time });
        continue;
      }
      up += layer.short[i] ?? 0;
      down += layer.long[i] ?? 0;
      shorts[j]?.push({ time, value: up });
      longs[j]?.push({ time, value: -down });
    }
  }
  return { shorts, longs };
}

/**
 * The stacked series of one chart. Off, it has no series at all; the first time it is turned on it adds them to
 * the aggregate histogram's pane, and while on the aggregate bars are hidden (the stacks' tops are those bars).
 */
export class ExchangeStacks {
  /** Slot j draws layer j's upper edge; slot 0 is the biggest exchange, drawn in front. */
  readonly shorts: ISeriesApi<'Histogram'>[] = [];
  readonly longs: ISeriesApi<'Histogram'>[] = [];
  private membership = '';
  private colours: readonly string[] = [];
  private on = false;

  constructor(
    private readonly chart: IChartApi,
    /** The aggregate short and long series, whose pane and price format the stacks share. */
    private readonly aggregate: readonly ISeriesApi<'Histogram'>[],
  ) {}

  /** Whether the stacks are shown. */
  get shown(): boolean {
    return this.on;
  }

  /** Turns the mode on (drawing `frame`) or off (the aggregate bars again). */
  setOn(on: boolean, frame: BarFrame | null): void {
    if (on === this.on) return;
    this.on = on;
    for (const s of this.aggregate) s.applyOptions({ visible: !on });
    if (on && this.shorts.length === 0) this.create();
    for (const s of [...this.shorts, ...this.longs]) s.applyOptions({ visible: on });
    this.membership = '';
    if (on && frame) this.show(frame, null);
    if (!on) for (const s of [...this.shorts, ...this.longs]) s.setData([]);
  }

  private create(): void {
    const first = this.aggregate[0];
    if (!first) throw new Error('stacks: no aggregate series');
    const pane = first.getPane().paneIndex();
    const options = {
      priceFormat: first.options().priceFormat,
      lastValueVisible: false,
      priceLineVisible: false,
    };
    // Added highest edge first: series added later draw in front.
    for (let j = STACK_LAYERS - 1; j >= 0; j--) {
      this.shorts[j] = this.chart.addSeries(HistogramSeries, options, pane);
      this.longs[j] = this.chart.addSeries(HistogramSeries, options, pane);
    }
    this.setColours(this.colours);
  }

  /** Layer colours, biggest exchange first ("Other" takes the last). */
  setColours(colours: readonly string[]): void {
    this.colours = colours;
    for (let j = 0; j < STACK_LAYERS; j++) {
      const color = colours[j] ?? colours[colours.length - 1];
      this.shorts[j]?.applyOptions({ color });
      this.longs[j]?.applyOptions({ color });
    }
  }

  /**
   * Draws `frame` while on: with `from` (a live update of bars from `from` on) and the same layers as before, only
   * those bars go through update(); otherwise every layer is set afresh.
   */
  show(frame: BarFrame, from: number | null): void {
    if (!this.on) return;
    const layers = frameLayers(frame);
    const membership = JSON.stringify(layers.map((l) => l.exchanges));
    const live = from !== null && membership === this.membership;
    this.membership = membership;
    const data = stackData(frame, layers, live ? from : 0);
    for (const [series, points] of [
      [this.shorts, data.shorts],
      [this.longs, data.longs],
    ] as const)
      for (let j = 0; j < STACK_LAYERS; j++) {
        const s = series[j];
        const p = points[j] ?? [];
        if (!s) continue;
        if (!live) s.setData(p);
        else for (const point of p) s.update(point);
      }
  }
}
