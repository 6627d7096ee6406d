/** S/R zones as a series primitive: one band per active level, shaded by strength, labelled at the right edge. */
import type {
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesApi,
  ISeriesPrimitive,
  SeriesAttachedParameter,
  SeriesType,
  Time,
} from 'lightweight-charts';
import type { Level } from '../../core/events';

interface Band {
  top: number;
  bottom: number;
  colour: string;
  label: string;
}

class ZonesRenderer implements IPrimitivePaneRenderer {
  constructor(private readonly bands: Band[]) {}
  draw(): void {
    // everything is drawn in drawBackground so candles stay on top
  }
  drawBackground(target: Parameters<IPrimitivePaneRenderer['draw']>[0]): void {
    target.useMediaCoordinateSpace(({ context: ctx, mediaSize }) => {
      ctx.font = '11px system-ui, sans-serif';
      for (const b of this.bands) {
        ctx.fillStyle = b.colour;
        ctx.fillRect(0, b.top, mediaSize.width, Math.max(1, b.bottom - b.top));
        ctx.fillStyle = 'rgba(148,163,184,0.95)';
        ctx.fillText(b.label, 6, b.top - 2);
      }
    });
  }
}

class ZonesView implements IPrimitivePaneView {
  bands: Band[] = [];
  zOrder() {
    return 'bottom' as const;
  }
  renderer(): IPrimitivePaneRenderer {
    return new ZonesRenderer(this.bands);
  }
}

/** The zones primitive; attach to the candle series, then call `setLevels`. */
export class LevelZones implements ISeriesPrimitive<Time> {
  private series: ISeriesApi<SeriesType> | null = null;
  private requestUpdate: (() => void) | null = null;
  private levels: Level[] = [];
  private readonly view = new ZonesView();
  private readonly views = [this.view];

  attached(p: SeriesAttachedParameter<Time>): void {
    this.series = p.series;
    this.requestUpdate = p.requestUpdate;
  }

  detached(): void {
    this.series = null;
    this.requestUpdate = null;
  }

  /** Replaces the drawn levels (only active ones are shown). */
  setLevels(levels: readonly Level[]): void {
    this.levels = levels.filter((l) => l.state === 'active');
    this.requestUpdate?.();
  }

  updateAllViews(): void {
    const s = this.series;
    if (!s) return;
    const maxStrength = Math.max(1, ...this.levels.map((l) => l.strength));
    this.view.bands = [];
    for (const l of this.levels) {
      const y1 = s.priceToCoordinate(l.zoneHigh);
      const y2 = s.priceToCoordinate(l.zoneLow);
      if (y1 === null || y2 === null) continue;
      const alpha = (0.08 + 0.3 * Math.min(1, l.strength / maxStrength)).toFixed(3);
      const rgb = l.kind === 'support' ? '34,197,94' : '239,68,68';
      this.view.bands.push({
        top: Math.min(y1, y2),
        bottom: Math.max(y1, y2),
        colour: `rgba(${rgb},${alpha})`,
        label: `${l.kind === 'support' ? 'S' : 'R'} ${Math.round(l.price)} · ${l.strength.toFixed(1)}`,
      });
    }
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  /** Number of zones currently drawn (for tests). */
  get drawnCount(): number {
    return this.view.bands.length;
  }
}
