/**
 * The import dialog's asset choice: which asset a file (other than an archive) is stored under, shown and editable
 * before anything is written. It starts at the asset the file names, else the asset on screen.
 */
import { FIRST_ASSETS } from '../../core/assets';
import type { ImportTarget } from '../../core/csv/import-target';
import { assetOfSymbol } from '../../core/csv/symbol-asset';
import { assetSettings } from '../../core/settings';
import { storedAssets } from '../data/asset-list';
import { loadSettings } from '../settings/settings-store';

/** What the dialog offers: the assets to choose from, and each one's target (its reference market in settings). */
export interface AssetChoices {
  assets: string[];
  targetOf: (asset: string) => ImportTarget;
}

/** The assets of the stored market list (BTC, ETH and SOL always) plus the asset on screen, with their settings. */
export async function loadAssetChoices(screen: string): Promise<AssetChoices> {
  const [settings, entries] = await Promise.all([
    loadSettings(),
    // Without a readable market list, BTC, ETH and SOL are still offered.
    storedAssets(Date.now()).catch(() => FIRST_ASSETS.map((asset) => ({ asset, contracts: 0 }))),
  ]);
  return {
    assets: [...new Set([...entries.map((e) => e.asset), screen])],
    targetOf: (asset) => ({ asset, reference: assetSettings(settings, asset).reference }),
  };
}

/** Props of the asset choice. */
export interface ImportAssetProps {
  target: ImportTarget;
  assets: readonly string[];
  /** The asset on screen. */
  screen: string;
  /** Contracts the file names itself: they keep their own asset whatever is chosen. */
  named: readonly string[];
  disabled: boolean;
  onChange: (asset: string) => void;
}

/** Renders the asset select and what it means for this file. */
export function ImportAsset({ target, assets, screen, named, disabled, onChange }: ImportAssetProps) {
  const own = named.filter((s) => (assetOfSymbol(s) ?? target.asset) !== target.asset);
  // The asset a file names may be missing from the market list (no key yet): it is offered all the same.
  const options = assets.includes(target.asset) ? assets : [target.asset, ...assets];
  return (
    <div class="csv-asset">
      <label>
        Store under asset
        <select value={target.asset} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)}>
          {options.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <p class="hint" data-testid="import-asset">
        Stored as {target.asset}'s data
        {target.asset === screen ? '.' : ` (the chart shows ${screen}: switch to ${target.asset} to see it).`}
        {own.length > 0 && ` ${own.join(', ')} keep their own asset: the file names them.`}
      </p>
    </div>
  );
}
