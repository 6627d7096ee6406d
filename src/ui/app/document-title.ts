/** The browser tab's title follows the asset on screen. */
import { useEffect } from 'preact/hooks';

/** The tab title for `asset`, e.g. "LiqLab — ETH liquidations". */
export function documentTitle(asset: string): string {
  return `LiqLab — ${asset} liquidations`;
}

/** Keeps `document.title` on the asset on screen. */
export function useDocumentTitle(asset: string): void {
  useEffect(() => {
    document.title = documentTitle(asset);
  }, [asset]);
}
