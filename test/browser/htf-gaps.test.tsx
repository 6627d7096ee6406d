import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { ARCHIVE_DB, openLiqLabDb } from '../../src/storage/open';
import { writeCandles, writeLiqRange } from '../../src/storage/series-repo';
import { fetcher } from '../../src/ui/app/services';
import { HtfPanel } from '../../src/ui/panels/htf/HtfPanel';
import { testMarket } from '../helpers/markets';
import { renderHosts } from './helpers/hosts';
import { panelProps } from './helpers/panel-props';

const H = 3600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The text of each cell of the HTF row for `tf`, once the panel has rows. */
async function rowCells(host: HTMLElement, tf: string): Promise<string[]> {
  for (let i = 0; i < 400; i++) {
    const row = host.querySelector(`tr[data-timeframe="${tf}"]`);
    if (row) return [...row.querySelectorAll('td')].map((c) => c.textContent ?? '');
    await sleep(25);
  }
  throw new Error(`no HTF row for ${tf}`);
}

describe('HTF panel on the demo (1h buckets, no live data)', () => {
  const newHost = renderHosts();

  it('says "no data" where a timeframe has no bars and "gap" for an uncovered bin, never $0', async () => {
    localStorage.setItem('liqlab.htf.timeframes', '15m,1h,4h,1D');
    await fetcher.api.ensureDemo('/demo/btcusdt-perp-1h.bin');
    const host = newHost('width: 900px');
    render(<HtfPanel {...panelProps({ source: 'demo' })} />, host);
    const m15 = await rowCells(host, '15m');
    expect(m15[0]).toBe('no data');
    expect(m15[2]).toBe('no data');
    const h4 = await rowCells(host, '4h');
    const d1 = await rowCells(host, '1D');
    expect(host.querySelector('tr[data-timeframe="15m"] canvas')?.getAttribute('aria-label')).toBe(
      '15m: no data',
    );
    for (const cells of [m15, h4, d1, await rowCells(host, '1h')])
      expect(cells.join(' ')).not.toMatch(/\$0(?![.\d])/);
  });
});

describe('HTF panel on an archive with a hole', () => {
  const newHost = renderHosts();

  it('shows the bins holding the missing hours as "gap", with no z-score, and leaves them out of the histogram', async () => {
    localStorage.setItem('liqlab.htf.timeframes', '1h,4h,1D');
    const db = await openLiqLabDb(ARCHIVE_DB);
    // An asset of its own: the archive is shared with the other browser test files (the archive export test counts
    // every BTC row in it).
    const m = testMarket('A1.A', 'A', 'STABLE', { baseAsset: 'HTFTEST' });
    await db.put('markets', m);
    const T0 = 1_704_067_200; // 2024-01-01
    const N = 240;
    const HOLE = [236, 238]; // the last day's 20:00 and 21:00 were never fetched
    const t = (i: number) => T0 + i * H;
    const liq = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => ({ t: t(from + k), l: 1e6 + k, s: 2e6 + k }));
    await writeLiqRange(db, m.symbol, '1hour', t(0), t(HOLE[0]), liq(0, HOLE[0]));
    await writeLiqRange(db, m.symbol, '1hour', t(HOLE[1]), t(N), liq(HOLE[1], N));
    const candles = Array.from({ length: N }, (_, i) => ({ t: t(i), o: 100, h: 101, l: 99, c: 100, v: 1 }));
    await writeCandles(db, m.symbol, '1hour', t(0), t(N), candles);
    db.close();
    const host = newHost('width: 900px');
    render(<HtfPanel {...panelProps({ asset: 'HTFTEST' })} />, host);
    const [h4, d1, h1] = [await rowCells(host, '4h'), await rowCells(host, '1D'), await rowCells(host, '1h')];
    expect(h4[0]).toBe('gap');
    expect(h4[1]).toBe('– / –');
    expect(h4[2]).not.toBe('gap');
    expect(d1[0]).toBe('gap');
    expect(h1[0]).not.toBe('gap');
    const hist = host.querySelector('tr[data-timeframe="4h"] canvas');
    expect(hist?.getAttribute('aria-label')).toBe('4h: last 48 bins, 1 gap left empty');
  });
});
