/**
 * The study's three plots on plain canvas: a few dozen lines each, no plotting dependency in the bundle, and
 * crisp on high-DPI screens. Colours come from the page's CSS variables so both themes work.
 */
import type { CaarCurve, EventRow, SummaryRow } from '../../../core/study/types';

interface Frame {
  ctx: CanvasRenderingContext2D;
  w: number;
  h: number;
  x: (v: number) => number;
  y: (v: number) => number;
}

const PAD = { l: 40, r: 8, t: 14, b: 18 };

function css(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

function setup(
  canvas: HTMLCanvasElement,
  xr: [number, number],
  yr: [number, number],
  title: string,
): Frame | null {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 300;
  const h = canvas.clientHeight || 150;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = css('--panel', '#1e222d');
  ctx.fillRect(0, 0, w, h);
  const [x0, x1] = xr[0] === xr[1] ? [xr[0] - 1, xr[1] + 1] : xr;
  const [y0, y1] = yr[0] === yr[1] ? [yr[0] - 1, yr[1] + 1] : yr;
  const x = (v: number) => PAD.l + ((v - x0) / (x1 - x0)) * (w - PAD.l - PAD.r);
  const y = (v: number) => h - PAD.b - ((v - y0) / (y1 - y0)) * (h - PAD.t - PAD.b);
  ctx.strokeStyle = css('--border', '#2a2e39');
  ctx.strokeRect(PAD.l, PAD.t, w - PAD.l - PAD.r, h - PAD.t - PAD.b);
  ctx.fillStyle = css('--muted', '#787b86');
  ctx.font = '10px sans-serif';
  ctx.fillText(title, PAD.l, 10);
  ctx.fillText(fmt(y1), 2, PAD.t + 8);
  ctx.fillText(fmt(y0), 2, h - PAD.b);
  ctx.fillText(fmt(x0), PAD.l, h - 4);
  ctx.fillText(fmt(x1), w - PAD.r - 30, h - 4);
  return { ctx, w, h, x, y };
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1);
}

function extent(values: number[], include: number[] = []): [number, number] {
  const finite = [...values, ...include].filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  return [Math.min(...finite), Math.max(...finite)];
}

function zeroLine(f: Frame, x0: number, x1: number): void {
  f.ctx.strokeStyle = css('--muted', '#787b86');
  f.ctx.setLineDash([3, 3]);
  f.ctx.beginPath();
  f.ctx.moveTo(f.x(x0), f.y(0));
  f.ctx.lineTo(f.x(x1), f.y(0));
  f.ctx.stroke();
  f.ctx.setLineDash([]);
}

/** CAAR in event time with the placebo 5–95 % band shaded. */
export function drawCaar(canvas: HTMLCanvasElement, c: CaarCurve): void {
  const xs = c.offsets;
  const xr: [number, number] = [xs[0] ?? 0, xs[xs.length - 1] ?? 1];
  const f = setup(
    canvas,
    xr,
    extent([...c.caarBp, ...c.bandLoBp, ...c.bandHiBp], [0]),
    `CAAR bp (${c.side}, N=${c.n})`,
  );
  if (!f) return;
  const { ctx } = f;
  ctx.fillStyle = 'rgba(120, 123, 134, 0.3)';
  ctx.beginPath();
  xs.forEach((k, i) => {
    ctx.lineTo(f.x(k), f.y(finiteOr(c.bandHiBp[i])));
  });
  for (let i = xs.length - 1; i >= 0; i--) ctx.lineTo(f.x(xs[i] ?? 0), f.y(finiteOr(c.bandLoBp[i])));
  ctx.fill();
  zeroLine(f, xr[0], xr[1]);
  ctx.strokeStyle = css('--accent', '#2962ff');
  ctx.lineWidth = 2;
  ctx.beginPath();
  xs.forEach((k, i) => {
    const v = c.caarBp[i] ?? Number.NaN;
    if (Number.isFinite(v)) ctx.lineTo(f.x(k), f.y(v));
  });
  ctx.stroke();
  ctx.lineWidth = 1;
}

function finiteOr(v: number | undefined): number {
  return v !== undefined && Number.isFinite(v) ? v : 0;
}

/** MFE vs MAE (ATR) at horizon index `k`, one dot per event coloured by which ±1 ATR came first. */
export function drawScatter(canvas: HTMLCanvasElement, events: EventRow[], k: number, horizon: number): void {
  const mfe = events.map((e) => e.mfeAtr[k] ?? Number.NaN);
  const mae = events.map((e) => e.maeAtr[k] ?? Number.NaN);
  const top = Math.max(1, ...extent([...mfe, ...mae]));
  const f = setup(canvas, [0, top], [0, top], `MFE (y) vs MAE (x), ATR, h=${horizon}`);
  if (!f) return;
  const colour = {
    favourable: css('--up', '#26a69a'),
    adverse: css('--down', '#ef5350'),
    neither: css('--muted', '#787b86'),
  };
  events.forEach((e, i) => {
    const x = mae[i] ?? Number.NaN;
    const y = mfe[i] ?? Number.NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    f.ctx.fillStyle = colour[e.outcome];
    f.ctx.beginPath();
    f.ctx.arc(f.x(x), f.y(y), 2.5, 0, 2 * Math.PI);
    f.ctx.fill();
  });
  f.ctx.strokeStyle = css('--border', '#2a2e39');
  f.ctx.beginPath();
  f.ctx.moveTo(f.x(0), f.y(0));
  f.ctx.lineTo(f.x(top), f.y(top));
  f.ctx.stroke();
}

/** Mean signed AR by size group (z bucket or bp of OI, named by `label`) with the bootstrap CI, against placebo. */
export function drawDose(
  canvas: HTMLCanvasElement,
  rows: SummaryRow[],
  label: (r: SummaryRow) => string = (r) => r.bucket,
  title = 'mean signed AR bp by z bucket',
): void {
  const vals = rows.flatMap((r) => [r.ciLoBp, r.ciHiBp, r.meanBp, r.placeboMeanBp]);
  const f = setup(canvas, [-0.5, rows.length - 0.5], extent(vals, [0]), title);
  if (!f) return;
  zeroLine(f, -0.5, rows.length - 0.5);
  const bw = Math.max(6, (f.x(1) - f.x(0)) * 0.5);
  rows.forEach((r, i) => {
    const { ctx } = f;
    ctx.globalAlpha = r.greyed ? 0.35 : 1;
    ctx.fillStyle = css('--accent', '#2962ff');
    if (Number.isFinite(r.meanBp))
      ctx.fillRect(f.x(i) - bw / 2, f.y(Math.max(0, r.meanBp)), bw, Math.abs(f.y(r.meanBp) - f.y(0)));
    ctx.strokeStyle = css('--text', '#d1d4dc');
    ctx.beginPath();
    if (Number.isFinite(r.ciLoBp)) {
      ctx.moveTo(f.x(i), f.y(r.ciLoBp));
      ctx.lineTo(f.x(i), f.y(r.ciHiBp));
    }
    ctx.stroke();
    ctx.fillStyle = css('--down', '#ef5350');
    if (Number.isFinite(r.placeboMeanBp)) ctx.fillRect(f.x(i) - bw / 2, f.y(r.placeboMeanBp) - 1, bw, 2);
    ctx.globalAlpha = 1;
    ctx.fillStyle = css('--muted', '#787b86');
    ctx.fillText(`${label(r)} N=${r.n}`, f.x(i) - bw, f.h - PAD.b + 10 > f.h ? f.h - 2 : f.h - PAD.b - 2);
  });
}
