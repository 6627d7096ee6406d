/**
 * The market-context panes under the oscillator: open interest as a line (with its change per bar as an optional
 * histogram in the same pane) and funding with predicted funding as two lines, as the "Market context" selector
 * chooses. Series exist only while shown (a pane goes with its last series). A live result moves only the
 * changed newest points with `update()`, as the other overlays do.
 */
import {
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  type SeriesType,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { BarFrame } from '../../core/series';
import type { FrameContext } from '../../workers/compute/api';
import { formatUsd } from '../format/usd';
import { type ContextChoice, contextParts } from './context-choice';
import { formatFunding, formatUsdChange } from './context-format';
import type { ContextColours } from './theme';

/** The first pane index after candles, histogram and oscillator. */
const FIRST_PANE = 3;
/** A context pane's share of the chart's height (the oscillator pane's). */
const STRETCH = 0.13;

type Point = { time: UTCTimestamp; value?: number; color?: string };
type Colour = (v: number) => string | undefined;

/** One series kept in step with its values; only the changed tail is updated when history is unchanged. */
class Feed<T extends 'Line' | 'Histogram'> {
  private key = '';
  private shown = new Float64Array(0);

  constructor(
    readonly series: ISeriesApi<T>,
    private readonly colour: Colour = () => undefined,
  ) {}

  show(frame: BarFrame, values: Float64Array): void {
    const key = `${frame.start}/${frame.step}`;
    const prev = this.shown;
    let from = key === this.key && values.length >= prev.length && prev.length > 0 ? prev.length - 1 : -1;
    for (let i = 0; from >= 0 && i < prev.length - 1; i++) if (!Object.is(prev[i], values[i])) from = -1;
    const point = (i: number): Point => {
      const time = (frame.start + i * frame.step) as UTCTimestamp;
      const v = values[i] ?? Number.NaN;
      if (!Number.isFinite(v)) return { time };
      const color = this.colour(v);
      return color ? { time, value: v, color } : { time, value: v };
    };
    if (from >= 0) for (let i = from; i < values.length; i++) this.series.update(point(i));
    else this.series.setData(Array.from(values, (_, i) => point(i)));
    this.key = key;
    this.shown = values.slice();
  }
}

/** Owns the context series on one chart. */
export class ContextPanes {
  private choice: ContextChoice = 'off';
  private oi: Feed<'Line'> | null = null;
  private oiChange: Feed<'Histogram'> | null = null;
  private funding: Feed<'Line'> | null = null;
  private predicted: Feed<'Line'> | null = null;
  /** What was last drawn, to draw again after a theme change rebuilt the series. */
  private last: { frame: BarFrame; ctx: FrameContext } | null = null;

  constructor(
    private readonly chart: IChartApi,
    private colours: ContextColours,
  ) {}

  /** Draws `ctx` (null: nothing yet) as `choice` says, building or removing panes when the choice changed. */
  show(frame: BarFrame | null, ctx: FrameContext | null, choice: ContextChoice): void {
    if (choice !== this.choice) this.rebuild(choice);
    if (!frame || !ctx || ctx.oi.length !== frame.candles.close.length) return;
    this.last = { frame, ctx };
    this.oi?.show(frame, ctx.oi);
    this.oiChange?.show(frame, ctx.oiChange);
    this.funding?.show(frame, ctx.funding);
    this.predicted?.show(frame, ctx.predicted);
  }

  /** Applies a theme's colours. */
  setColours(colours: ContextColours): void {
    this.colours = colours;
    this.oi?.series.applyOptions({ color: colours.oi });
    this.funding?.series.applyOptions({ color: colours.funding });
    this.predicted?.series.applyOptions({ color: colours.predicted });
    // Histogram bars carry their colour per point: redraw them with the new ones.
    if (this.oiChange) {
      const choice = this.choice;
      this.rebuild('off');
      this.show(this.last?.frame ?? null, this.last?.ctx ?? null, choice);
    }
  }

  /** The series shown, by name (for tests and the legend). */
  get series(): Partial<Record<'oi' | 'oiChange' | 'funding' | 'predicted', ISeriesApi<SeriesType>>> {
    const out: Partial<Record<'oi' | 'oiChange' | 'funding' | 'predicted', ISeriesApi<SeriesType>>> = {};
    if (this.oi) out.oi = this.oi.series;
    if (this.oiChange) out.oiChange = this.oiChange.series;
    if (this.funding) out.funding = this.funding.series;
    if (this.predicted) out.predicted = this.predicted.series;
    return out;
  }

  private rebuild(choice: ContextChoice): void {
    for (const f of [this.oiChange, this.oi, this.predicted, this.funding])
      if (f) this.chart.removeSeries(f.series);
    this.oi = this.oiChange = this.funding = this.predicted = null;
    this.choice = choice;
    const parts = contextParts(choice);
    const c = this.colours;
    const base = { priceLineVisible: false, lineWidth: 1 as const };
    let pane = FIRST_PANE;
    if (parts.oi) {
      const usd = { type: 'custom' as const, formatter: formatUsd, minMove: 1 };
      this.oi = new Feed(this.chart.addSeries(LineSeries, { ...base, color: c.oi, priceFormat: usd }, pane));
      if (parts.oiChange) {
        // The change on its own scale, in the pane's lower part: the level and its change differ by orders.
        const change = { type: 'custom' as const, formatter: formatUsdChange, minMove: 1 };
        const s = this.chart.addSeries(
          HistogramSeries,
          {
            priceFormat: change,
            priceScaleId: 'oi-change',
            lastValueVisible: false,
            priceLineVisible: false,
          },
          pane,
        );
        s.priceScale().applyOptions({ scaleMargins: { top: 0.6, bottom: 0 } });
        this.oi.series.priceScale().applyOptions({ scaleMargins: { top: 0.1, bottom: 0.45 } });
        this.oiChange = new Feed(s, (v) => (v < 0 ? this.colours.oiDown : this.colours.oiUp));
      }
      this.chart.panes()[pane]?.setStretchFactor(STRETCH);
      pane++;
    }
    if (parts.funding) {
      const pct = { type: 'custom' as const, formatter: formatFunding, minMove: 0.0001 };
      this.funding = new Feed(
        this.chart.addSeries(LineSeries, { ...base, color: c.funding, priceFormat: pct }, pane),
      );
      this.predicted = new Feed(
        this.chart.addSeries(
          LineSeries,
          { ...base, color: c.predicted, lineStyle: 2, lastValueVisible: false, priceFormat: pct },
          pane,
        ),
      );
      this.chart.panes()[pane]?.setStretchFactor(STRETCH);
    }
  }
}
