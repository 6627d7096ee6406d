/**
 * The toolbar's asset picker: a button naming the asset on screen that opens a searchable list of every asset with
 * futures contracts (BTC, ETH and SOL first). Type to narrow it, arrows to move, Enter to choose, Escape to close.
 * On a phone it sits in the folded "More" menu with the other actions; choosing an asset closes that menu too.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AssetEntry } from '../../core/assets';
import './assets.css';

/** Props of the picker. */
export interface AssetPickerProps {
  asset: string;
  assets: readonly AssetEntry[];
  onChange: (asset: string) => void;
}

/** Entries matching `query`: names starting with it first, then names containing it (case-insensitive). */
export function matchAssets(assets: readonly AssetEntry[], query: string): AssetEntry[] {
  const q = query.trim().toUpperCase();
  if (q === '') return [...assets];
  const starts = assets.filter((e) => e.asset.toUpperCase().startsWith(q));
  const contains = assets.filter(
    (e) => !e.asset.toUpperCase().startsWith(q) && e.asset.toUpperCase().includes(q),
  );
  return [...starts, ...contains];
}

/** Longest list drawn at once: typing narrows the rest. */
const SHOWN = 60;

/** Renders the picker. */
export function AssetPicker({ asset, assets, onChange }: AssetPickerProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const shown = matchAssets(assets, query).slice(0, SHOWN);

  useEffect(() => {
    if (!open) return;
    // The list opened to be searched, as a native select would: typing goes straight to the search field.
    search.current?.focus();
    const outside = (e: PointerEvent) => {
      if (e.target instanceof Node && !root.current?.contains(e.target)) setOpen(false);
    };
    // Escape anywhere in the picker closes the list only: the folded menu around it stays open.
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      trigger.current?.focus();
    };
    const el = root.current;
    window.addEventListener('pointerdown', outside);
    el?.addEventListener('keydown', onEscape);
    return () => {
      window.removeEventListener('pointerdown', outside);
      el?.removeEventListener('keydown', onEscape);
    };
  }, [open]);

  const choose = (a: string) => {
    setOpen(false);
    if (a !== asset) onChange(a);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((k) => Math.max(0, Math.min(shown.length - 1, k + step)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // As a click on the option, so the folded menu around the picker closes as it does for a tap.
      const hit = shown[active];
      if (hit) document.getElementById(`asset-${hit.asset}`)?.click();
    }
  };

  return (
    <div class="asset-picker" ref={root}>
      <button
        ref={trigger}
        type="button"
        class="asset-button"
        data-keep-menu="true"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-label={`Asset: ${asset}`}
        title="Choose the base asset"
        onClick={() => {
          setQuery('');
          setActive(0);
          setOpen(!open);
        }}
      >
        <span class="menu-text">Asset: </span>
        {asset} ▾
      </button>
      {open && (
        <div class="asset-popover" role="dialog" aria-label="Choose an asset">
          <input
            ref={search}
            type="search"
            aria-label="Search assets"
            placeholder="Search assets"
            aria-controls="asset-list"
            aria-activedescendant={shown[active] ? `asset-${shown[active].asset}` : undefined}
            value={query}
            onInput={(e) => {
              setQuery(e.currentTarget.value);
              setActive(0);
            }}
            onKeyDown={onKey}
          />
          <div id="asset-list" role="listbox" aria-label="Assets" class="asset-list">
            {shown.length === 0 && <p class="hint">No asset matches.</p>}
            {shown.map((e, k) => (
              <button
                key={e.asset}
                id={`asset-${e.asset}`}
                type="button"
                role="option"
                tabIndex={-1}
                aria-selected={e.asset === asset}
                class={k === active ? 'asset-option active' : 'asset-option'}
                onClick={() => choose(e.asset)}
              >
                {e.asset}
                {e.contracts > 0 && <span class="hint"> {e.contracts} contracts</span>}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
