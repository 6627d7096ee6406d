/**
 * Top toolbar: timeframes, theme, and slots for the features that add buttons (settings, import, export…).
 * Below 900 px only the timeframes stay in the bar; the rest folds into a "More" disclosure, one tap away.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Timeframe, TOOLBAR_TIMEFRAMES } from '../../core/intervals';
import type { ThemeName } from '../chart/theme';

/** A sun (switch to light) or a moon (switch to dark), drawn rather than a glyph the fonts may lack. */
function ThemeIcon({ sun }: { sun: boolean }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      {sun ? (
        <>
          <circle cx="8" cy="8" r="3.2" fill="currentColor" />
          <path
            d="M8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6L13 13M3 13l1.4-1.4M11.6 4.4L13 3"
            stroke="currentColor"
            stroke-width="1.4"
            stroke-linecap="round"
          />
        </>
      ) : (
        <path d="M10.5 1.5a6.5 6.5 0 1 0 4 11.3A5.5 5.5 0 0 1 10.5 1.5z" fill="currentColor" />
      )}
    </svg>
  );
}

/** Props of the toolbar. */
export interface ToolbarProps {
  /** The base asset on screen, named next to the brand. */
  asset: string;
  timeframe: Timeframe;
  onTimeframe: (tf: Timeframe) => void;
  theme: ThemeName;
  onTheme: (theme: ThemeName) => void;
  children?: ComponentChildren;
}

/** Renders the toolbar. */
export function Toolbar({ asset, timeframe, onTimeframe, theme, onTheme, children }: ToolbarProps) {
  const [open, setOpen] = useState(false);
  const other = theme === 'dark' ? 'Light theme' : 'Dark theme';
  const bar = useRef<HTMLElement>(null);
  const more = useRef<HTMLButtonElement>(null);
  const actions = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // An action taken from the folded menu closes it (a selector change, or opening the asset list, does not).
    const el = actions.current;
    const chosen = (e: MouseEvent) => {
      if (e.target instanceof HTMLElement && e.target.closest('button:not([data-keep-menu])')) setOpen(false);
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
      <span class="symbol" data-testid="toolbar-asset">
        {asset} · liquidations
      </span>
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
          <ThemeIcon sun={theme === 'dark'} />
          <span class="menu-text" aria-hidden="true">
            {other}
          </span>
        </button>
      </div>
    </header>
  );
}
