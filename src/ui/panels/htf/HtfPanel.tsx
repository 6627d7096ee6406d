/** The "HTF" tab: the same liquidations at several higher timeframes at once; a row click switches the chart. */
import { plural } from '../../format/plural';
import '../study/study.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isTimeframe, type Timeframe } from '../../../core/intervals';
import { filterKey } from '../../../core/market';
import type { HtfRow } from '../../../workers/compute/study/api';
import { compute, referenceFor } from '../../app/services';
import { TableScroll } from '../../common/TableScroll';
import { formatUsd } from '../../format/usd';
import { loadSettings } from '../../settings/settings-store';
import type { PanelProps } from '../SidePanel';

const STORAGE_KEY = 'liqlab.htf.timeframes';
const DEFAULT_TFS: Timeframe[] = ['15m', '1h', '4h', '1D'];
const LAST_N = 48;
/** Live refresh period; the panel also refreshes whenever the chart's frame changes. */
const REFRESH_MS = 60_000;

function loadTfs(): Timeframe[] {
  const saved = (localStorage.getItem(STORAGE_KEY) ?? '').split(',').map((s) => s.trim());
  const valid = saved.filter(isTimeframe);
  return valid.length > 0 ? valid : DEFAULT_TFS;
}

/** A bin's change in open interest, signed ("+$120.00M"); "gap" where it is missing (never shown as zero). */
export function oiDelta(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return 'gap';
  return v > 0 ? `+${formatUsd(v)}` : formatUsd(v);
}

/**
 * One bin's long / short USD: "no data" when the timeframe has no bin there, "gap" when the bin is not covered
 * (as the chart legend says), never an invented $0.
 */
export function liqPair(long: number | undefined, short: number | undefined): string {
  if (long === undefined || short === undefined) return 'no data';
  if (!Number.isFinite(long) || !Number.isFinite(short)) return 'gap';
  return `${formatUsd(long)} / ${formatUsd(short)}`;
}

function z(v: number | undefined): string {
  return v !== undefined && Number.isFinite(v) ? v.toFixed(1) : '–';
}

function histLabel(row: HtfRow): string {
  const n = row.long.length;
  if (n === 0) return `${row.timeframe}: no data`;
  const gaps = row.long.filter((v) => !Number.isFinite(v)).length;
  const left = gaps > 0 ? `, ${plural(gaps, 'gap')} left empty` : '';
  return `${row.timeframe}: last ${plural(n, 'bin')}${left}`;
}

/** The last bins of one timeframe, drawn to the width its column gets (the panel is resizable). */
function MiniHistogram({ row }: { row: HtfRow }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const observer = new ResizeObserver(() => setWidth(c.clientWidth));
    observer.observe(c);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    // Drawn at once with the laid-out width; the observer's `width` only triggers redraws on resize.
    const w = c?.clientWidth ?? width;
    if (!c || !ctx || w === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const h = c.clientHeight || 28;
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const max = Math.max(1, ...row.long.filter(Number.isFinite), ...row.short.filter(Number.isFinite));
    const bw = w / Math.max(1, row.long.length);
    const style = getComputedStyle(c);
    const down = style.getPropertyValue('--down').trim() || '#ef5350';
    const up = style.getPropertyValue('--up').trim() || '#26a69a';
    row.long.forEach((v, i) => {
      const sv = row.short[i] ?? Number.NaN;
      // A gap stays empty: no bar is drawn for a bin whose data is missing.
      if (!Number.isFinite(v) || !Number.isFinite(sv)) return;
      ctx.fillStyle = down;
      ctx.fillRect(i * bw, h / 2, Math.max(1, bw - 0.5), (v / max) * (h / 2));
      ctx.fillStyle = up;
      const s = (sv / max) * (h / 2);
      ctx.fillRect(i * bw, h / 2 - s, Math.max(1, bw - 0.5), s);
    });
  }, [row, width]);
  return <canvas ref={ref} class="htf-hist" role="img" aria-label={histLabel(row)} />;
}

/** HTF tab. */
export function HtfPanel({ source, asset, frame, timeframe, onTimeframe, filter }: PanelProps) {
  const [tfs, setTfs] = useState<Timeframe[]>(loadTfs);
  const [rows, setRows] = useState<HtfRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    // A hidden page draws nothing; shown again, the chart's catch-up changes `frame`, which refreshes the panel.
    const id = setInterval(() => {
      if (document.visibilityState !== 'hidden') setTick((t) => t + 1);
    }, REFRESH_MS);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    if (!source) return;
    // No abort: this shares the chart's compute worker, and aborting would terminate it. A newer request just
    // makes this one's answer stale.
    let stale = false;
    loadSettings()
      .then((s) =>
        compute.call(undefined, (api, id) =>
          api.loadHtf(
            {
              source,
              asset,
              timeframes: tfs,
              filter,
              referenceSymbol: referenceFor(source, s, asset),
              lastN: LAST_N,
              detection: { spikes: s.spikes, levels: s.levels },
            },
            id,
          ),
        ),
      )
      .then((r) => {
        if (stale) return;
        setRows(r);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!stale) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      stale = true;
    };
  }, [source, asset, tfs, frame, tick, filterKey(filter)]);

  return (
    <div class="htf-panel">
      <label class="htf-config">
        HTF timeframes{' '}
        <input
          value={tfs.join(',')}
          onChange={(e) => {
            const next = e.currentTarget.value
              .split(',')
              .map((s) => s.trim())
              .filter(isTimeframe);
            if (next.length === 0) return;
            localStorage.setItem(STORAGE_KEY, next.join(','));
            setTfs(next);
          }}
        />
      </label>
      {error && <div role="alert">{error}</div>}
      <TableScroll label="Higher timeframes">
        <table class="htf-table" aria-label="Higher timeframes">
          <thead>
            <tr>
              <th scope="col">TF</th>
              <th scope="col">now L / S</th>
              <th scope="col">z L / S</th>
              <th scope="col">prev L / S</th>
              <th scope="col" title="Change of open interest over the bin, summed over the contracts">
                ΔOI now / prev
              </th>
              <th scope="col">event</th>
              <th scope="col" class="hist">
                last {LAST_N}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const n = r.long.length;
              return (
                <tr
                  key={r.timeframe}
                  class={r.timeframe === timeframe ? 'htf-row active' : 'htf-row'}
                  data-timeframe={r.timeframe}
                  onClick={() => onTimeframe(r.timeframe)}
                  title={r.notice ?? `Show ${r.timeframe} on the chart`}
                >
                  <th scope="row">
                    <button
                      type="button"
                      class="cell-link"
                      aria-label={`${r.timeframe}: show on the chart`}
                      onClick={(e) => {
                        e.stopPropagation();
                        onTimeframe(r.timeframe);
                      }}
                    >
                      {r.timeframe}
                    </button>
                  </th>
                  <td>{liqPair(r.long[n - 1], r.short[n - 1])}</td>
                  <td>
                    {z(r.zLong[n - 1])} / {z(r.zShort[n - 1])}
                  </td>
                  <td>{liqPair(r.long[n - 2], r.short[n - 2])}</td>
                  <td class="htf-oi">
                    {oiDelta(r.oiChange[n - 1])} / {oiDelta(r.oiChange[n - 2])}
                  </td>
                  <td>{r.labels[n - 1] || r.labels[n - 2] || ''}</td>
                  <td class="hist">
                    <MiniHistogram row={r} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
