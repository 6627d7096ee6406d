/** Chart colours per theme, matching the CSS variables in styles.css. */
export type ThemeName = 'dark' | 'light';

/** Colours the chart needs. */
export interface ChartTheme {
  background: string;
  text: string;
  /** Secondary text (legend labels, captions), AA contrast on the background. */
  muted: string;
  grid: string;
  up: string;
  down: string;
  shortLiq: string;
  longLiq: string;
  /**
   * The per-exchange histogram's layer colours, biggest exchange first, "Other" last: AA text contrast on the
   * background (they colour legend text too) and far apart from each other (ΔE*76 ≥ 30, checked by a unit test).
   */
  exchanges: readonly string[];
  /** The open interest and funding panes' colours (they colour legend labels too): AA text contrast. */
  context: ContextColours;
}

/** Colours of the context panes: OI line, OI change up / down, funding, predicted funding. */
export interface ContextColours {
  oi: string;
  oiUp: string;
  oiDown: string;
  funding: string;
  predicted: string;
}

/** Both palettes. */
export const CHART_THEMES: Readonly<Record<ThemeName, ChartTheme>> = {
  dark: {
    background: '#131722',
    text: '#d1d4dc',
    muted: '#9598a1',
    grid: '#1f2430',
    up: '#26a69a',
    down: '#ef5350',
    shortLiq: '#26a69a',
    longLiq: '#ef5350',
    exchanges: ['#f0b90b', '#38bdf8', '#f472b6', '#4ade80', '#a78bfa', '#fb923c', '#9598a1'],
    context: { oi: '#fbbf24', oiUp: '#2dd4bf', oiDown: '#fb7185', funding: '#c084fc', predicted: '#94a3b8' },
  },
  light: {
    background: '#ffffff',
    text: '#131722',
    muted: '#5d606b',
    grid: '#eef0f3',
    up: '#089981',
    down: '#f23645',
    shortLiq: '#089981',
    longLiq: '#f23645',
    exchanges: ['#8f6d00', '#0369a1', '#be185d', '#15803d', '#6d28d9', '#c2410c', '#5d606b'],
    context: { oi: '#92400e', oiUp: '#0f766e', oiDown: '#be123c', funding: '#7e22ce', predicted: '#475569' },
  },
};
