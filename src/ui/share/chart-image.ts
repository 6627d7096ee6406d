/**
 * "Save image": the chart's canvases (lightweight-charts' own screenshot, markers and zones included) with the
 * legend above and a caption below naming the data source and the time range, as one PNG.
 */
import type { ChartController } from '../chart/chart-controller';
import type { LegendItem } from '../chart/Legend';
import { CHART_THEMES, type ThemeName } from '../chart/theme';
import { formatUtc } from '../format/usd';

/** What goes around the chart in the image. */
export interface ImageText {
  legend: { time: string; items: LegendItem[] } | null;
  /** Caption lines, e.g. what is shown and where the data comes from. */
  caption: string[];
}

/** The visible time range of the chart, clamped to its data; null before data. */
export function visibleSpan(c: ChartController): { from: number; to: number } | null {
  const view = c.currentView();
  const f = c.currentFrame;
  if (!view || !f) return null;
  const half = (view.bars / 2) * f.step;
  const end = f.start + (f.candles.close.length - 1) * f.step;
  return { from: Math.max(f.start, view.time - half), to: Math.min(end, view.time + half) };
}

/** "2024-08-02 00:00 → 2024-08-10 00:00 UTC" for a span. */
export function spanText(span: { from: number; to: number }): string {
  return `${formatUtc(span.from).replace(' UTC', '')} → ${formatUtc(span.to)}`;
}

const FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Ubuntu, sans-serif';

/** Draws the image and encodes it as PNG. */
export async function chartImage(c: ChartController, theme: ThemeName, text: ImageText): Promise<Blob> {
  const shot = c.chart.takeScreenshot(true, false);
  const scale = shot.width / Math.max(1, c.container.clientWidth);
  const line = 18 * scale;
  const pad = 8 * scale;
  const head = line + 2 * pad;
  const foot = text.caption.length * line + 2 * pad;
  const out = document.createElement('canvas');
  out.width = shot.width;
  out.height = Math.round(head + shot.height + foot);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('Save image: this browser cannot draw on a canvas');
  const t = CHART_THEMES[theme];
  ctx.fillStyle = t.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.textBaseline = 'middle';
  ctx.font = `${12 * scale}px ${FONT}`;
  let x = pad;
  const y = pad + line / 2;
  const put = (s: string, colour: string) => {
    ctx.fillStyle = colour;
    ctx.fillText(s, x, y);
    x += ctx.measureText(s).width;
  };
  if (text.legend) {
    put(`${text.legend.time}   `, t.muted);
    for (const item of text.legend.items) {
      put(`${item.label} `, t.muted);
      put(item.value, item.tone === 'long' ? t.longLiq : item.tone === 'short' ? t.shortLiq : t.text);
      put('   ', t.text);
    }
  }
  ctx.drawImage(shot, 0, head);
  ctx.fillStyle = t.muted;
  text.caption.forEach((s, k) => {
    ctx.fillText(s, pad, head + shot.height + pad + line * (k + 0.5));
  });
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('Save image: PNG encoding failed'))), 'image/png'),
  );
}

/** Saves a blob as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
