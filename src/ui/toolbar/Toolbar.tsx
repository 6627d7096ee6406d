/** Top toolbar: timeframes, theme, and slots for the features that add buttons (settings, import, export…). */
import type { ComponentChildren } from 'preact';
import { type Timeframe, TOOLBAR_TIMEFRAMES } from '../../core/intervals';
import type { ThemeName } from '../chart/theme';

/** Props of the toolbar. */
export interface ToolbarProps {
  timeframe: Timeframe;
  onTimeframe: (tf: Timeframe) => void;
  theme: ThemeName;
  onTheme: (theme: ThemeName) => void;
  children?: ComponentChildren;
}

/** Renders the toolbar. */
export function Toolbar({ timeframe, onTimeframe, theme, onTheme, children }: ToolbarProps) {
  return (
    <header class="toolbar">
      <span class="brand">LiqLab</span>
      <span class="symbol">BTC · liquidations</span>
      <fieldset class="tf-group">
        <legend class="sr-only">Timeframe</legend>
        {TOOLBAR_TIMEFRAMES.map((tf, k) => (
          <button
            key={tf}
            type="button"
            class="tf"
            aria-pressed={tf === timeframe}
            title={`${tf} (Alt+${k + 1})`}
            onClick={() => onTimeframe(tf)}
          >
            {tf}
          </button>
        ))}
      </fieldset>
      <div class="toolbar-actions">
        {children}
        <button type="button" onClick={() => onTheme(theme === 'dark' ? 'light' : 'dark')}>
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </div>
    </header>
  );
}
