import { afterEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { sniff } from '../../src/core/csv/detect';
import { ImportSession } from '../../src/core/csv/session';
import { frameLayers } from '../../src/core/exchange-stack';
import { ALL_CONTRACTS } from '../../src/core/market';
import { openLiqLabDb } from '../../src/storage/open';
import { ChartController } from '../../src/ui/chart/chart-controller';
import { CHART_THEMES } from '../../src/ui/chart/theme';
import { loadFrame } from '../../src/workers/compute/frame-loader';
import { applyBatch } from '../../src/workers/fetch/csv/apply';

declare module 'vitest/browser' {
  interface BrowserCommands {
    readRealData: (name: string) => Promise<string>;
  }
}

// The histogram by exchange as drawn from real data: 12 contracts on 7 exchanges (file 2a) imported into a real
// IndexedDB, read back with the breakdown, drawn by the chart; the top of every stack is the aggregate bar.
const F2A = 'coinalyze_btc_perps_multiexchange_liq_usd_daily_2022-01_2024-09.csv';
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
type Point = { time: unknown; value?: number };

describe('histogram by exchange', () => {
  const hosts: HTMLElement[] = [];
  afterEach(() => {
    for (const h of hosts.splice(0)) h.remove();
  });

  it('draws stacks whose tops are the aggregate bars, band by band the exchanges’ values', async () => {
    const text = await commands.readRealData(F2A);
    const mapping = sniff(text.slice(0, 256 * 1024), F2A, false).mapping;
    if (!mapping) throw new Error('no mapping for file 2a');
    const session = new ImportSession({ format: 'generic', mapping });
    session.push(text);
    const batch = session.end();
    expect(batch.rejectedCount).toBe(0);
    const db = await openLiqLabDb(`stacks-${Math.random()}`);
    await applyBatch(db, batch, true);
    const request = {
      source: 'archive' as const,
      asset: 'BTC',
      timeframe: '1D' as const,
      filter: ALL_CONTRACTS,
    };
    const { frame } = await loadFrame(db, {
      ...request,
      referenceSymbol: 'BTCUSDT_PERP.A',
      byExchange: true,
    });
    db.close();
    const layers = frameLayers(frame);
    expect(layers).toHaveLength(7);

    const host = document.createElement('div');
    host.style.cssText = 'width:900px;height:520px';
    document.body.append(host);
    hosts.push(host);
    const c = new ChartController(host, 'dark', () => {});
    c.setStacked(true);
    c.setFrame(frame);
    await frames();
    expect(c.shorts.options().visible).toBe(false);
    const top = layers.length - 1;
    const aggShorts = c.shorts.data() as Point[];
    const aggLongs = c.longs.data() as Point[];
    const edges = (side: 'shorts' | 'longs') => c.stacks[side].map((s) => s.data() as Point[]);
    const [ups, downs] = [edges('shorts'), edges('longs')];
    let checked = 0;
    for (let i = 0; i < frame.liq.long.length; i++) {
      const a = aggShorts[i]?.value;
      const b = aggLongs[i]?.value;
      const up = ups[top]?.[i]?.value;
      const down = downs[top]?.[i]?.value;
      if (a === undefined || b === undefined) {
        // A gap in the aggregate is a gap in every layer.
        expect(up, `bar ${i}`).toBeUndefined();
        continue;
      }
      expect(Math.abs((up ?? Number.NaN) - a), `bar ${i} shorts`).toBeLessThanOrEqual(1e-9 * Math.max(1, a));
      expect(Math.abs((down ?? Number.NaN) - b), `bar ${i} longs`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, -b),
      );
      for (let j = 0; j <= top; j++) {
        const band =
          (ups[j]?.[i]?.value ?? Number.NaN) - (j > 0 ? (ups[j - 1]?.[i]?.value ?? Number.NaN) : 0);
        expect(band, `bar ${i} layer ${j}`).toBeCloseTo(layers[j]?.short[i] ?? Number.NaN, 4);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(900);

    // On screen: the biggest short stack in view ends where the aggregate's value sits on the price scale.
    const n = frame.liq.long.length;
    let best = n - 1;
    for (let i = n - 120; i < n - 5; i++)
      if ((frame.liq.short[i] ?? 0) > (frame.liq.short[best] ?? 0)) best = i;
    const shot = c.chart.takeScreenshot();
    const ctx = shot.getContext('2d');
    if (!ctx) throw new Error('no 2D context');
    const ratio = shot.width / host.clientWidth;
    const x = c.chart.timeScale().timeToCoordinate((frame.start + best * frame.step) as never);
    const y = c.stacks.shorts[top]?.priceToCoordinate(frame.liq.short[best] ?? 0);
    const paneTop = (c.chart.panes()[0]?.getHeight() ?? 0) + 1;
    if (x === null || y === null || y === undefined) throw new Error('bar not on screen');
    const column = ctx.getImageData(Math.round(x * ratio), 0, 1, shot.height).data;
    const bg = CHART_THEMES.dark.background;
    const isBg = (py: number) => {
      const k = py * 4;
      const hex = `#${[column[k], column[k + 1], column[k + 2]].map((v) => (v ?? 0).toString(16).padStart(2, '0')).join('')}`;
      return hex === bg || hex === CHART_THEMES.dark.grid;
    };
    // Scan down from the pane's top margin to the first drawn pixel of this column.
    let first = -1;
    for (let py = Math.round((paneTop + 2) * ratio); py < shot.height; py++)
      if (!isBg(py)) {
        first = py;
        break;
      }
    expect(
      Math.abs(first / ratio - (paneTop + y)),
      `stack top at ${first / ratio}, aggregate at ${paneTop + y}`,
    ).toBeLessThanOrEqual(3);
    c.dispose();
  });
});
