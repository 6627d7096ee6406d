import { describe, expect, it } from 'vitest';
import { type Layout, loadLayout, PANEL_WIDTH, saveLayout } from '../../../src/ui/app/layout-store';

function memory() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

const DEFAULTS: Layout = {
  asset: 'BTC',
  timeframe: '1h',
  theme: 'dark',
  sidePanelOpen: false,
  panel: 'levels',
  panelWidth: PANEL_WIDTH.initial,
  introDismissed: false,
  histogram: 'total',
  context: 'off',
};

describe('layout persistence', () => {
  it('restores the saved timeframe, theme, panel tab and width, and the dismissed intro', () => {
    const store = memory();
    const saved: Layout = {
      asset: 'ETH',
      timeframe: '4h',
      theme: 'light',
      sidePanelOpen: true,
      panel: 'study',
      panelWidth: 512,
      introDismissed: true,
      histogram: 'exchanges',
      context: 'oiChange',
    };
    saveLayout(saved, store);
    expect(loadLayout(store)).toEqual(saved);
  });

  it('falls back to no context panes for an unknown choice', () => {
    const store = memory();
    store.setItem('liqlab:layout', '{"context":"volume"}');
    expect(loadLayout(store).context).toBe('off');
  });

  it('falls back to defaults for missing or corrupt saves', () => {
    const store = memory();
    store.setItem('liqlab:layout', '{"timeframe":"7m","theme":"neon"');
    expect(loadLayout(store)).toEqual(DEFAULTS);
  });

  it('keeps an old save (no panel fields) and clamps a width out of bounds', () => {
    const store = memory();
    store.setItem(
      'liqlab:layout',
      '{"timeframe":"4h","theme":"dark","sidePanelOpen":true,"panelWidth":5000}',
    );
    expect(loadLayout(store)).toEqual({
      ...DEFAULTS,
      timeframe: '4h',
      sidePanelOpen: true,
      panelWidth: PANEL_WIDTH.max,
    });
  });
});
