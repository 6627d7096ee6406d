/** Layout preferences kept across reloads in localStorage (synchronous, so the first paint already uses them). */
import { isTimeframe, type Timeframe } from '../../core/intervals';
import type { ThemeName } from '../chart/theme';

/** What the layout remembers. */
export interface Layout {
  timeframe: Timeframe;
  theme: ThemeName;
  sidePanelOpen: boolean;
}

const KEY = 'liqlab:layout';
const DEFAULTS: Layout = { timeframe: '1h', theme: 'dark', sidePanelOpen: false };

/** Reads the saved layout, falling back to defaults field by field. */
export function loadLayout(storage: Pick<Storage, 'getItem'> = localStorage): Layout {
  try {
    const raw = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<Record<keyof Layout, unknown>>;
    return {
      timeframe:
        typeof raw.timeframe === 'string' && isTimeframe(raw.timeframe) ? raw.timeframe : DEFAULTS.timeframe,
      theme: raw.theme === 'light' || raw.theme === 'dark' ? raw.theme : DEFAULTS.theme,
      sidePanelOpen: typeof raw.sidePanelOpen === 'boolean' ? raw.sidePanelOpen : DEFAULTS.sidePanelOpen,
    };
  } catch {
    return DEFAULTS;
  }
}

/** Saves the layout. */
export function saveLayout(layout: Layout, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(KEY, JSON.stringify(layout));
}
