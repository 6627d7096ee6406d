/**
 * S/R zones as a series primitive: each level is a box from the bar that created it to the bar that broke or
 * expired it (active levels run to the right edge), so a past cascade shows the zones it left while they lived.
 * Active zones are shaded by strength and labelled at the right edge; past ones are fainter, labelled at their start.
 */
import type {
  IChartApi,
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesApi,
  ISeriesPrimitive,
  Logical,
  SeriesAttachedParameter,
  SeriesType,
  Time,
  UTCTimestamp,
} from 'lightweight-charts';
import type { ZoneLevel } from '../../core/demo/preview';
import { SNAPSHOT_PALETTE, ZONE_RGB, zoneColour } from '../../core/snapshot/palette';
import { formatPrice } from '../format/usd';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  fill: string;
  edge: string;
  label: string;
  /** Active zones are labelled at the right edge, past ones at their start. */
  labelRight: boolean;
}

/** Opacity of a zone that is no longer active (drawn over its past life, under the active ones). */
const PAST_ALPHA = 0.16;

class ZonesRenderer implements IPrimitivePaneRenderer {
  constructor(private readonly boxes: Box[]) {}
  draw(): void {
    // everything is drawn in drawBackground so candles stay on top
  }
  drawBackground(target: Parameters<IPrimitivePaneRenderer['draw']>[0]): void {
    target.useMediaCoordinateSpace(({ context: ctx, mediaSize }) => {
      ctx.font = '11px system-ui, sans-serif';
      for (const b of this.boxes) {
        const left = Math.max(0, b.left);
        const right = Math.min(mediaSize.width, b.right);
        const height = Math.max(1, b.bottom - b.top);
        ctx.fillStyle = b.fill;
        ctx.fillRect(left, b.top, right - left, height);
        // The zone's edges as lines, so a thin zone still reads as a band.
        ctx.strokeStyle = b.edge;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(left, b.top + 0.5);
        ctx.lineTo(right, b.top + 0.5);
        ctx.moveTo(left, b.top + height - 0.5);
        ctx.lineTo(right, b.top + height - 0.5);
        ctx.stroke();
        ctx.fillStyle = SNAPSHOT_PALETTE.zoneLabel;
        if (b.labelRight) {
          ctx.textAlign = 'right';
          ctx.fillText(b.label, right - 6, b.top - 3);
        } else {
          ctx.textAlign = 'left';
          ctx.fillText(b.label, left + 4, b.top - 3);
        }
      }
    });
  }
}

class ZonesView implements IPrimitivePaneView {
  boxes: Box[] = [];
  constructor(private readonly refresh: () => void) {}
  zOrder() {
    return 'bottom' as const;
  }
  renderer(): IPrimitivePaneRenderer {
    this.refresh();
    return new ZonesRenderer(this.boxes);
  }
}

/** The zones primitive; attach to the candle series, then call `setLevels`. */
export class LevelZones implements ISeriesPrimitive<Time> {
  private series: ISeriesApi<SeriesType> | null = null;
  private chart: IChartApi | null = null;
  private requestUpdate: (() => void) | null = null;
  private levels: readonly ZoneLevel[] = [];
  private grid = { start: 0, step: 1 };
  private readonly view = new ZonesView(() => this.refresh());
  /** Set when the chart's model changed; the boxes are computed when next drawn (see updateAllViews). */
  private stale = true;
  private readonly views = [this.view];
  /** Called with the number of zones in view whenever it changes (tests and the screen-reader summary read it). */
  onInView: ((count: number) => void) | null = null;
  private inView = -1;

  attached(p: SeriesAttachedParameter<Time>): void {
    this.series = p.series;
    this.chart = p.chart;
    this.requestUpdate = p.requestUpdate;
  }

  detached(): void {
    this.series = null;
    this.chart = null;
    this.requestUpdate = null;
  }

  /** Replaces the drawn levels; `grid` is the frame's bar start and step, to place each zone's lifetime. */
  setLevels(levels: readonly ZoneLevel[], grid: { start: number; step: number }): void {
    this.levels = levels;
    this.grid = grid;
    this.stale = true;
    this.requestUpdate?.();
  }

  /**
   * The chart calls this after every change to its model (each series added, each setData, each option), which on
   * the way to a first frame is dozens of times; the boxes are computed once, when the pane is drawn.
   */
  updateAllViews(): void {
    this.stale = true;
  }

  private refresh(): void {
    const s = this.series;
    const chart = this.chart;
    if (!this.stale || !s || !chart) return;
    this.stale = false;
    const ts = chart.timeScale();
    // Logical 0 is the earliest bar of any series, not necessarily this grid's first bar.
    const origin = ts.timeToIndex(this.grid.start as UTCTimestamp, true) ?? 0;
    const { start, step } = this.grid;
    const x = (time: number) => ts.logicalToCoordinate((origin + (time - start) / step) as Logical);
    const width = ts.width();
    const height = chart.panes()[0]?.getHeight() ?? 0;
    const active = this.levels.filter((l) => l.state === 'active');
    const maxStrength = Math.max(1, ...active.map((l) => l.strength));
    const boxes: Box[] = [];
    let count = 0;
    for (const l of this.levels) {
      const y1 = s.priceToCoordinate(l.zoneHigh);
      const y2 = s.priceToCoordinate(l.zoneLow);
      const left = x(l.createdTime);
      const end = l.brokenTime ?? l.expiredTime ?? null;
      const right = end === null ? width : x(end);
      if (y1 === null || y2 === null || left === null || right === null) continue;
      if (right < 0 || left > width) continue;
      const live = l.state === 'active';
      const rgb = ZONE_RGB[l.kind].join(',');
      const box: Box = {
        left,
        right,
        top: Math.min(y1, y2),
        bottom: Math.max(y1, y2),
        // Active zones shaded as the alert snapshot shades them (src/core/snapshot/palette.ts; a test keeps them equal).
        fill: live ? zoneColour(l.kind, l.strength, maxStrength) : `rgba(${rgb},${PAST_ALPHA})`,
        edge: `rgba(${rgb},${live ? 0.8 : 0.5})`,
        label: `${l.kind === 'support' ? 'S' : 'R'} ${formatPrice(l.price)}${live ? ` · ${l.strength.toFixed(1)}` : ''}`,
        labelRight: live,
      };
      boxes.push(box);
      if (box.bottom > 0 && box.top < height) count++;
    }
    this.view.boxes = boxes;
    if (count !== this.inView) {
      this.inView = count;
      this.onInView?.(count);
    }
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  /** Number of zones currently drawn (for tests). */
  get drawnCount(): number {
    this.refresh();
    return this.view.boxes.length;
  }
}
