/**
 * What the chart says for an asset with nothing stored: no demo stands in for it. A contract filter that matches
 * nothing stored: say so and offer all contracts. Without a key: add one. With a key Coinalyze rejected: fix it.
 * With a key: the asset is being fetched, or it is not kept Live and one click opens Settings → Data, where adding
 * it shows what it costs before anything is saved.
 */
import '../toolbar/assets.css';
import type { ContractFilter } from '../../core/market';
import { filterLabel } from '../share/share-text';

/** Props of the empty state. */
export interface AssetEmptyProps {
  asset: string;
  /** 'demo' while no key is saved. */
  mode: 'deciding' | 'demo' | 'live';
  /** True when the asset is among the Live assets. */
  live: boolean;
  /** True while Coinalyze rejects the saved key (401). */
  keyRejected: boolean;
  /** The chart's contract filter: one that is not "all" may be why nothing shows. */
  filter: ContractFilter;
  /** Opens Settings (Data: the key and the Live assets). */
  onSettings: () => void;
  /** Sets the chart's filter to all contracts. */
  onAllContracts: () => void;
}

function texts(p: AssetEmptyProps): [string, string | null, 'settings' | 'all'] {
  const { asset, mode, live } = p;
  if (p.filter.kind !== 'all')
    return [`No ${asset} data stored for ${filterLabel(p.filter)} contracts.`, 'Show all contracts', 'all'];
  if (mode === 'demo')
    return [`No ${asset} data yet — add a Coinalyze key to fetch it.`, 'Add a key…', 'settings'];
  if (p.keyRejected)
    return [
      `No ${asset} data — Coinalyze refused the saved API key (401), so nothing is fetched. Fix the key in Settings → Data.`,
      'Open Settings…',
      'settings',
    ];
  if (live) return [`No ${asset} data yet — fetching…`, null, 'settings'];
  return [`No ${asset} data yet — ${asset} is not kept Live.`, `Keep ${asset} Live…`, 'settings'];
}

/** Renders the empty state (nothing while the app is still deciding between demo and live). */
export function AssetEmpty(props: AssetEmptyProps) {
  if (props.mode === 'deciding') return null;
  const [text, action, target] = texts(props);
  return (
    <div class="asset-empty" role="status" data-testid="asset-empty">
      <p>{text}</p>
      {action && (
        <button type="button" onClick={target === 'all' ? props.onAllContracts : props.onSettings}>
          {action}
        </button>
      )}
    </div>
  );
}
