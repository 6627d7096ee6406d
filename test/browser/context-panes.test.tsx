import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { levelChange, resampleLevel, sumFinite, weightedMean } from '../../src/core/context/aggregate';
import type { ContextKind } from '../../src/core/context/series';
import { ALL_CONTRACTS } from '../../src/core/market';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { readContext, writeContextRange } from '../../src/storage/context-repo';
import { ChartView } from '../../src/ui/chart/ChartView';
import type { ChartController } from '../../src/ui/chart/chart-controller';
import { formatFunding } from '../../src/ui/chart/context-format';
import { formatUsd, formatUtc } from '../../src/ui/format/usd';
import { analyzeRequest } from '../../src/workers/compute/analyze';
import { testMarket } from '../helpers/markets';
import { DEMO_SYMBOL, demoArchive } from './helpers/demo-archive';
import { renderHosts } from './helpers/hosts';

// Open interest and funding drawn from what is stored: three contracts' hourly OI and funding (buckets left out
// as the API does) in a real IndexedDB beside the demo's liquidations, analysed for 4h bars, drawn in the panes.
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
type Point = { time: number; value?: number };
const H = 3600;

const market = testMarket;

/** A deterministic walk; every 17th bucket of each contract (at its own offset) is left out. */
function series(kind: ContextKind, k: number, from: number, n: number) {
  const out = [];
  let level = kind === 'oi' ? 4e9 / (k + 1) : 0.01 * (k - 1);
  for (let i = 0; i < n; i++) {
    const o = level;
    level += kind === 'oi' ? Math.sin(i * 0.37 + k) * 2e7 : Math.cos(i * 0.21 + k) * 0.002;
    if ((i + 5 * k) % 17 !== 0)
      out.push({ t: from + i * H, o, h: Math.max(o, level), l: Math.min(o, level), c: level });
  }
  return out;
}

describe('open interest and funding panes', () => {
  const newHost = renderHosts();

  it('draw the core aggregation of the stored series and show their values at the crosshair', async () => {
    const db = await demoArchive(24 * 40);
    const demo = await db.get('markets', DEMO_SYMBOL);
    if (!demo) throw new Error('demo market missing');
    const others = [market('BTCUSD_PERP.0', '0', 'COIN'), market('BTCUSDT_PERP.6', '6', 'STABLE')];
    for (const m of others) await db.put('markets', m);
    const symbols = [DEMO_SYMBOL, ...others.map((m) => m.symbol)];
    const cov = await db.get('coverage', ['liq', DEMO_SYMBOL, '1hour']);
    const [from, to] = cov?.ranges[0] ?? [0, 0];
    const n = (to - from) / H;
    for (const [k, s] of symbols.entries())
      for (const kind of ['oi', 'funding', 'predicted'] as const)
        await writeContextRange(db, kind, s, '1hour', from, to, series(kind, k, from, n));

    const { result } = await analyzeRequest(
      {
        source: 'archive',
        asset: 'BTC',
        timeframe: '4h',
        filter: ALL_CONTRACTS,
        referenceSymbol: DEMO_SYMBOL,
        params: {
          spikes: DEFAULT_SETTINGS.spikes,
          levels: DEFAULT_SETTINGS.levels,
          oscillators: DEFAULT_SETTINGS.oscillators,
        },
        changes: null,
      },
      async () => db,
    );
    const { frame, context } = result;
    const bars = frame.candles.close.length;
    expect(bars).toBeGreaterThan(200);
    expect(context.intervals).toEqual({ oi: '1hour', funding: '1hour', predicted: '1hour' });

    // The oracle: the stored per-contract buckets over the frame's span, aggregated by the core functions, on the
    // 4h grid (the first bar starts before the stored hours: it closes on its last hour, its open is unknown).
    const lo = frame.start;
    const m = (bars * frame.step) / H;
    const raw = async (kind: ContextKind) =>
      Promise.all(symbols.map((s) => readContext(db, kind, s, '1hour', lo, lo + m * H)));
    const [oi, funding, predicted] = [await raw('oi'), await raw('funding'), await raw('predicted')];
    const masked = oi.map((o) =>
      o.open.map((v, i) => (Number.isNaN(o.close[i] ?? Number.NaN) ? Number.NaN : v)),
    );
    const closes = sumFinite(
      oi.map((o) => o.close),
      m,
    );
    const oiLevel = {
      start: lo,
      step: H,
      open: sumFinite(masked, m).sum,
      close: closes.sum,
      count: closes.count,
    };
    const oiBars = resampleLevel(oiLevel, frame.start, frame.step, bars);
    const rate = (r: typeof funding) => ({
      start: lo,
      step: H,
      open: weightedMean(
        r.map((x) => x.open),
        oi.map((o) => o.open),
        m,
      ),
      close: weightedMean(
        r.map((x) => x.close),
        oi.map((o) => o.close),
        m,
      ),
      count: closes.count,
    });
    const fundingBars = resampleLevel(rate(funding), frame.start, frame.step, bars).close;
    const predictedBars = resampleLevel(rate(predicted), frame.start, frame.step, bars).close;
    const change = levelChange(oiBars);
    // Summed in another order (the pre-summed group): equal to rounding.
    const near = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string) => {
      expect(a.length, what).toBe(b.length);
      for (let i = 0; i < a.length; i++) {
        const x = a[i] ?? Number.NaN;
        const y = b[i] ?? Number.NaN;
        if (Number.isNaN(y)) expect(x, `${what} bar ${i}`).toBeNaN();
        else expect(Math.abs(x - y), `${what} bar ${i}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(y)));
      }
    };
    near(context.oi, oiBars.close, 1e-12, 'oi');
    near(context.oiChange, change, 1e-6, 'oi change');
    near(context.funding, fundingBars, 1e-12, 'funding');
    near(context.predicted, predictedBars, 1e-12, 'predicted');
    // Gaps stay gaps: a 4h bar closing on a left-out bucket of one contract sums two, and its change is unknown.
    expect(change.filter(Number.isNaN).length).toBeGreaterThan(10);
    expect(Number.isFinite(context.oi[bars - 2] ?? Number.NaN)).toBe(true);

    // Drawn: every finite value is a point of its series, every NaN a blank.
    const host = newHost('width:900px;height:700px;display:flex;flex-direction:column');
    // The app's stylesheet is not loaded here: give the chart element its size.
    const style = document.createElement('style');
    style.textContent =
      '.chart-area{display:flex;flex-direction:column;flex:1} .chart{margin:0;height:640px}';
    host.append(style);
    let chart: ChartController | null = null;
    render(
      <ChartView
        asset="BTC"
        frame={frame}
        notice={null}
        theme="light"
        context={{ values: context, choice: 'both' }}
        onReady={(c) => {
          chart = c;
        }}
      />,
      host,
    );
    // The chart is ready after a few frames; a loaded runner can take a few seconds.
    for (let k = 0; k < 600 && !chart; k++) await frames();
    const c = chart as ChartController | null;
    if (!c) throw new Error('chart not ready');
    await frames();
    expect(c.chart.panes()).toHaveLength(5);
    const drawn = (name: 'oi' | 'funding' | 'predicted') => {
      const s = c.context.series[name];
      if (!s) throw new Error(`${name} not drawn`);
      return s.data() as readonly Point[];
    };
    const same = (pts: readonly Point[], values: Float64Array, what: string) => {
      const byTime = new Map(pts.map((p) => [p.time, p.value]));
      values.forEach((v, i) => {
        const got = byTime.get(frame.start + i * frame.step);
        if (Number.isNaN(v)) expect(got, `${what} bar ${i}`).toBeUndefined();
        else expect(got, `${what} bar ${i}`).toBe(v);
      });
      // Nothing drawn off the bar grid or where the value is missing.
      expect(pts.filter((p) => p.value !== undefined)).toHaveLength(values.filter(Number.isFinite).length);
    };
    same(drawn('oi'), context.oi, 'oi');
    same(drawn('funding'), context.funding, 'funding');
    same(drawn('predicted'), context.predicted, 'predicted');
    expect(c.context.series.oiChange).toBeUndefined();

    // The crosshair on a bar: the legend reads that bar's OI and funding.
    const i = bars - 30;
    c.showRecent(60);
    await frames();
    const x = c.chart.timeScale().timeToCoordinate((frame.start + i * frame.step) as never);
    if (x === null) throw new Error('bar not in view');
    const figure = host.querySelector('figure');
    if (!figure) throw new Error('no chart element');
    await userEvent.hover(figure, { position: { x: Math.round(x), y: 100 } });
    await frames();
    const legend = host.querySelector('[data-testid="legend"]')?.textContent ?? '';
    expect(legend).toContain(formatUtc(frame.start + i * frame.step));
    expect(legend).toContain(`OI ${formatUsd(context.oi[i] ?? Number.NaN)}`);
    expect(legend).toContain(`Funding ${formatFunding(context.funding[i] ?? Number.NaN)}`);
    expect(legend).toContain(`Predicted ${formatFunding(context.predicted[i] ?? Number.NaN)}`);

    // OI with its change: the histogram holds the per-bar change; None removes both panes.
    render(
      <ChartView
        asset="BTC"
        frame={frame}
        notice={null}
        theme="light"
        context={{ values: context, choice: 'oiChange' }}
      />,
      host,
    );
    await frames();
    expect(c.chart.panes()).toHaveLength(4);
    const hist = c.context.series.oiChange?.data() as readonly Point[] | undefined;
    if (!hist) throw new Error('no OI change histogram');
    same(hist, context.oiChange, 'oi change');
    render(
      <ChartView
        asset="BTC"
        frame={frame}
        notice={null}
        theme="light"
        context={{ values: null, choice: 'off' }}
      />,
      host,
    );
    await frames();
    expect(c.chart.panes()).toHaveLength(3);
    db.close();
  }, 30_000); // stores a week of OI and funding in IndexedDB, then draws: seconds on a loaded runner
});
