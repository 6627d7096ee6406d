/**
 * The newest close as a dashed line with its label on the price axis, in the newest candle's colour, as TradingView
 * shows the last price. lightweight-charts' own label follows the last bar in view while its line stays at the
 * newest bar, so scrolled back the two disagreed (a 60,511.6 label beside a line at 58,936.1).
 */
import { type IPriceLine, type ISeriesApi, LineStyle } from 'lightweight-charts';
import type { CandleSeries } from '../../core/series';

/** Keeps one price line on `series` at the newest close of the candles last shown. */
export class LastPriceLine {
  private line: IPriceLine | null = null;
  private last: { price: number; up: boolean } | null = null;
  private colours = { up: '#26a69a', down: '#ef5350' };

  constructor(private readonly series: ISeriesApi<'Candlestick'>) {}

  /** Up and down colours of the theme. */
  setColours(up: string, down: string): void {
    this.colours = { up, down };
    this.draw();
  }

  /** Moves the line to the newest candle with a close (none: no line). */
  show(candles: CandleSeries): void {
    this.last = null;
    for (let i = candles.close.length - 1; i >= 0; i--) {
      const close = candles.close[i] ?? Number.NaN;
      if (Number.isNaN(close)) continue;
      this.last = { price: close, up: close >= (candles.open[i] ?? close) };
      break;
    }
    this.draw();
  }

  private draw(): void {
    if (!this.last) {
      if (this.line) this.series.removePriceLine(this.line);
      this.line = null;
      return;
    }
    const options = {
      price: this.last.price,
      color: this.last.up ? this.colours.up : this.colours.down,
      lineWidth: 1 as const,
      lineStyle: LineStyle.Dashed,
      axisLabelVisible: true,
      title: '',
    };
    if (this.line) this.line.applyOptions(options);
    else this.line = this.series.createPriceLine(options);
  }
}
