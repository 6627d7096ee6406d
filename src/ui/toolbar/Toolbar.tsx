/**
 * Top toolbar: timeframes, theme, and slots for the features that add buttons (settings, import, export…).
 * Below 900 px only the timeframes stay in the bar; the rest folds into a "More" disclosure, one tap away.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
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
  const [open, setOpen] = useState(false);
  const other = theme === 'dark' ? 'Light theme' : 'Dark theme';
  const bar = useRef<HTMLElement>(null);
  const more = useRef<HTMLButtonElement>(null);
  const actions = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // An action taken from the folded menu closes it (a selector change does not).
    const el = actions.current;
    const chosen = (e: MouseEvent) => {
      if (e.target instanceof HTMLElement && e.target.closest('button')) setOpen(false);
    };
    el?.addEventListener('click', chosen);
    return () => el?.removeEventListener('click', chosen);
  }, []);

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (e.target instanceof Node && !bar.current?.contains(e.target)) setOpen(false);
    };
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      more.current?.focus();
    };
    window.addEventListener('pointerdown', outside);
    window.addEventListener('keydown', onEscape);
    return () => {
      window.removeEventListener('pointerdown', outside);
      window.removeEventListener('keydown', onEscape);
    };
  }, [open]);

  return (
    <header class="toolbar" ref={bar}>
      <h1 class="brand">LiqLab</h1>
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
      <button
        ref={more}
        type="button"
        class="more-button"
        aria-expanded={open}
        aria-controls="toolbar-actions"
        onClick={() => setOpen(!open)}
      >
        More
      </button>
      <div id="toolbar-actions" ref={actions} class="toolbar-actions" data-open={open ? 'true' : 'false'}>
        {children}
        <button
          type="button"
          class="theme-button"
          aria-label={other}
          title={other}
          onClick={() => onTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
          <span class="menu-text" aria-hidden="true">
            {other}
          </span>
        </button>
      </div>
    </header>
  );
}
