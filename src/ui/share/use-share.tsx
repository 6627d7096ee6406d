/**
 * "Copy link" and "Save image": buttons for the toolbar, and a toast for the page (outside the toolbar, which
 * folds away on a phone). The link is the address of the view on screen (src/ui/app/shared-view.ts).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ChartController } from '../chart/chart-controller';
import type { LegendItem } from '../chart/Legend';
import type { ThemeName } from '../chart/theme';
import { chartImage, saveBlob, spanText, visibleSpan } from './chart-image';

/** What sharing needs from the shell. */
export interface ShareProps {
  chart: ChartController | null;
  theme: ThemeName;
  /** The address of the view on screen. */
  link: () => string;
  /** The legend as on screen. */
  legend: () => { time: string; items: LegendItem[] } | null;
  /** What is shown, e.g. "BTC liquidations · All contracts · 1h". */
  title: string;
  /** Where the data comes from, e.g. "Data: Coinalyze, bundled demo (Binance BTCUSDT perpetual)". */
  source: string;
  /** For the file name, e.g. "1h". */
  timeframe: string;
  /** For the file name, e.g. "ETH". */
  asset: string;
}

type Toast = { kind: 'done'; text: string } | { kind: 'link'; url: string } | null;

/** The share buttons and their toast. */
export function useShare(p: ShareProps): { buttons: ComponentChildren; toast: ComponentChildren } {
  const [toast, setToast] = useState<Toast>(null);
  useEffect(() => {
    if (toast?.kind !== 'done') return;
    const timer = setTimeout(() => setToast(null), 4000);
    return () => clearTimeout(timer);
  }, [toast]);

  const copy = async () => {
    const url = p.link();
    try {
      await navigator.clipboard.writeText(url);
      setToast({ kind: 'done', text: 'Link copied' });
    } catch {
      // No clipboard permission (or an old browser): show the link to copy by hand.
      setToast({ kind: 'link', url });
    }
  };
  const save = async () => {
    const c = p.chart;
    if (!c) return;
    const span = visibleSpan(c);
    const caption = [`${p.title}${span ? ` · ${spanText(span)}` : ''}`, `${p.source} · made with LiqLab`];
    try {
      const blob = await chartImage(c, p.theme, { legend: p.legend(), caption });
      const day = span ? new Date(span.from * 1000).toISOString().slice(0, 10) : 'chart';
      saveBlob(blob, `liqlab-${p.asset}-${p.timeframe}-${day}.png`);
      setToast({ kind: 'done', text: 'Image saved' });
    } catch (e) {
      setToast({ kind: 'done', text: e instanceof Error ? e.message : String(e) });
    }
  };

  const buttons = (
    <>
      <button type="button" onClick={copy}>
        Copy link
      </button>
      <button type="button" onClick={save} disabled={!p.chart}>
        Save image
      </button>
    </>
  );
  const body =
    toast?.kind === 'done' ? (
      toast.text
    ) : toast?.kind === 'link' ? (
      <>
        <label>
          Copy this link <input readOnly value={toast.url} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" onClick={() => setToast(null)}>
          Done
        </button>
      </>
    ) : null;
  return {
    buttons,
    toast: (
      <div class="toast" role="status" data-empty={body === null ? 'true' : 'false'}>
        {body}
      </div>
    ),
  };
}
