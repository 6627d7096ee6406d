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
  },
};
