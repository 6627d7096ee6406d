import { describe, expect, it } from 'vitest';
import { STACK_LAYERS } from '../../../src/core/exchange-stack';
import { CHART_THEMES } from '../../../src/ui/chart/theme';

// WCAG 2 relative luminance and contrast ratio, and CIE L*a*b* (D65) for how far apart two colours look.
const channels = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = channels(hex).map(linear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}
function lab(hex: string): [number, number, number] {
  const [r = 0, g = 0, b = 0] = channels(hex).map(linear);
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

describe('exchange layer colours', () => {
  for (const [name, theme] of Object.entries(CHART_THEMES))
    it(`${name}: one per layer, AA text contrast on the background, and far apart`, () => {
      expect(theme.exchanges).toHaveLength(STACK_LAYERS);
      for (const c of theme.exchanges) expect(contrast(c, theme.background), c).toBeGreaterThanOrEqual(4.5);
      for (let i = 0; i < theme.exchanges.length; i++)
        for (let j = i + 1; j < theme.exchanges.length; j++) {
          const a = lab(theme.exchanges[i] ?? '');
          const b = lab(theme.exchanges[j] ?? '');
          const dE = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
          expect(dE, `${theme.exchanges[i]} vs ${theme.exchanges[j]}`).toBeGreaterThanOrEqual(30);
        }
    });
});

describe('open interest and funding pane colours', () => {
  for (const [name, theme] of Object.entries(CHART_THEMES))
    it(`${name}: AA text contrast on the background (they colour the legend's labels)`, () => {
      for (const c of Object.values(theme.context))
        expect(contrast(c, theme.background), c).toBeGreaterThanOrEqual(4.5);
    });
});
