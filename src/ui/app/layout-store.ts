/** Layout preferences kept across reloads in localStorage (synchronous, so the first paint already uses them). */
import { DEFAULT_ASSET, isAssetName } from '../../core/assets';
import { isTimeframe, type Timeframe } from '../../core/intervals';
import { type HistogramMode, isPanelId, type PanelId } from '../../core/view-url';
import { type ContextChoice, isContextChoice } from '../chart/context-choice';
import type { ThemeName } from '../chart/theme';

/** What the layout remembers. */
export interface Layout {
  /** The base asset on screen (`BTC`, `ETH`, …). */
  asset: string;
  timeframe: Timeframe;
  theme: ThemeName;
  sidePanelOpen: boolean;
  /** The side panel's open tab. */
  panel: PanelId;
  /** Side panel width in CSS pixels (wide screens; below 900 px it is a bottom sheet). */
  panelWidth: number;
  /** The "what you're looking at" strip was dismissed. */
  introDismissed: boolean;
  /** The liquidation histogram: long/short totals, or stacked by exchange. */
  histogram: HistogramMode;
  /** The market-context panes (open interest, funding) under the chart. */
  context: ContextChoice;
}

const KEY = 'liqlab:layout';
/** Side panel width bounds in CSS pixels. */
export const PANEL_WIDTH = { min: 280, max: 960, initial: 380 } as const;
const DEFAULTS: Layout = {
  asset: DEFAULT_ASSET,
  timeframe: '1h',
  theme: 'dark',
  sidePanelOpen: false,
  panel: 'levels',
  panelWidth: PANEL_WIDTH.initial,
  introDismissed: false,
  histogram: 'total',
  context: 'off',
};

/** A width clamped to the panel's bounds (and whole pixels). */
export function clampPanelWidth(width: number): number {
  return Math.round(Math.min(PANEL_WIDTH.max, Math.max(PANEL_WIDTH.min, width)));
}

/** Reads the saved layout, falling back to defaults field by field. */
export function loadLayout(storage: Pick<Storage, 'getItem'> = localStorage): Layout {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<Record<keyof Layout, unknown>>;
    return {
      asset: typeof raw.asset === 'string' && isAssetName(raw.asset) ? raw.asset : DEFAULTS.asset,
      timeframe:
        typeof raw.timeframe === 'string' && isTimeframe(raw.timeframe) ? raw.timeframe : DEFAULTS.timeframe,
      theme: raw.theme === 'light' || raw.theme === 'dark' ? raw.theme : DEFAULTS.theme,
      sidePanelOpen: typeof raw.sidePanelOpen === 'boolean' ? raw.sidePanelOpen : DEFAULTS.sidePanelOpen,
      panel: typeof raw.panel === 'string' && isPanelId(raw.panel) ? raw.panel : DEFAULTS.panel,
      panelWidth:
        typeof raw.panelWidth === 'number' && Number.isFinite(raw.panelWidth)
          ? clampPanelWidth(raw.panelWidth)
          : DEFAULTS.panelWidth,
      introDismissed: raw.introDismissed === true,
      histogram: raw.histogram === 'exchanges' ? 'exchanges' : 'total',
      context: isContextChoice(raw.context) ? raw.context : DEFAULTS.context,
    };
  } catch {
    return DEFAULTS;
  }
}

/** Saves the layout. */
export function saveLayout(layout: Layout, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(layout));
  } catch {
    // Storage full or disabled: the layout just is not remembered.
  }
}
