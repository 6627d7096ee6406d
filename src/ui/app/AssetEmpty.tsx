/**
 * What the chart says for an asset with nothing stored: no demo stands in for it. Without a key: add one. With a
 * key: the asset is being fetched, or it is not kept Live and one click opens Settings → Data, where adding it
 * shows what it costs before anything is saved.
 */
import '../toolbar/assets.css';

/** Props of the empty state. */
export interface AssetEmptyProps {
  asset: string;
  /** 'demo' while no key is saved. */
  mode: 'deciding' | 'demo' | 'live';
  /** True when the asset is among the Live assets. */
  live: boolean;
  /** Opens Settings (Data: the key and the Live assets). */
  onSettings: () => void;
}

/** Renders the empty state (nothing while the app is still deciding between demo and live). */
export function AssetEmpty({ asset, mode, live, onSettings }: AssetEmptyProps) {
  if (mode === 'deciding') return null;
  const [text, action] =
    mode === 'demo'
      ? [`No ${asset} data yet — add a Coinalyze key to fetch it.`, 'Add a key…']
      : live
        ? [`No ${asset} data yet — fetching…`, null]
        : [`No ${asset} data yet — ${asset} is not kept Live.`, `Keep ${asset} Live…`];
  return (
    <div class="asset-empty" role="status" data-testid="asset-empty">
      <p>{text}</p>
      {action && (
        <button type="button" onClick={onSettings}>
          {action}
        </button>
      )}
    </div>
  );
}
