import { describe, expect, it } from 'vitest';
import { loadLayout, saveLayout } from '../../../src/ui/app/layout-store';

function memory() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

describe('layout persistence', () => {
  it('restores the saved timeframe, theme and panel state', () => {
    const store = memory();
    saveLayout({ timeframe: '4h', theme: 'light', sidePanelOpen: true }, store);
    expect(loadLayout(store)).toEqual({ timeframe: '4h', theme: 'light', sidePanelOpen: true });
  });

  it('falls back to defaults for missing or corrupt saves', () => {
    const store = memory();
    store.setItem('liqlab:layout', '{"timeframe":"7m","theme":"neon"');
    expect(loadLayout(store)).toEqual({ timeframe: '1h', theme: 'dark', sidePanelOpen: false });
  });
});
