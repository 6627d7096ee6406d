/** Crosshair legend: O/H/L/C and long/short USD of the hovered (or last) bar. */
import type { BarFrame } from '../../core/series';
import { formatPrice, formatUsd, formatUtc } from '../format/usd';

/** Props: the frame on screen and the hovered bar index. */
export interface LegendProps {
  frame: BarFrame | null;
  index: number | null;
}

/** Renders the legend line over the chart. */
export function Legend({ frame, index }: LegendProps) {
  const n = frame?.candles.close.length ?? 0;
  if (!frame || n === 0) return null;
  const i = index !== null && index >= 0 ? index : n - 1;
  const c = frame.candles;
  const covered = frame.liq.covered[i] === 1;
  return (
    <div class="legend" data-testid="legend" aria-live="off">
      <span class="legend-time">{formatUtc(frame.start + i * frame.step)}</span>
      <span>
        O <b>{formatPrice(c.open[i] ?? Number.NaN)}</b>
      </span>
      <span>
        H <b>{formatPrice(c.high[i] ?? Number.NaN)}</b>
      </span>
      <span>
        L <b>{formatPrice(c.low[i] ?? Number.NaN)}</b>
      </span>
      <span>
        C <b>{formatPrice(c.close[i] ?? Number.NaN)}</b>
      </span>
      <span class="legend-long">
        Longs <b>{covered ? formatUsd(frame.liq.long[i] ?? 0) : 'gap'}</b>
      </span>
      <span class="legend-short">
        Shorts <b>{covered ? formatUsd(frame.liq.short[i] ?? 0) : 'gap'}</b>
      </span>
    </div>
  );
}
