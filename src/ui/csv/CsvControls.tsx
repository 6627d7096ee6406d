/**
 * CSV in the shell: the "Export CSV" and "Import CSV" toolbar buttons (with the hidden file picker), drag-and-drop
 * onto the window, and the two dialogs. Buttons and dialogs are returned apart so the dialogs are rendered outside
 * the toolbar: on a phone the buttons sit in a folded menu that is hidden once an action is chosen.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Timeframe } from '../../core/intervals';
import type { ContractFilter } from '../../core/market';
import type { DataSource } from '../../workers/compute/api';
import { lazyComponent } from '../common/lazy';
import './csv.css';

// The dialogs load on first use: the first chart does not need them.
const ExportDialog = lazyComponent(() => import('./ExportDialog').then((m) => m.ExportDialog));
const ImportDialog = lazyComponent(() => import('./ImportDialog').then((m) => m.ImportDialog));

/** What the CSV controls need. */
export interface CsvControlsProps {
  source: DataSource | null;
  /** The base asset on screen: exports hold its contracts. */
  asset: string;
  timeframe: Timeframe;
  /** The chart's contract filter; exports default to it. */
  filter: ContractFilter;
  /** Called after an import landed in the archive. */
  onImported: () => void;
  /** Puts another asset on screen (after a file was imported under it). */
  onShowAsset?: (asset: string) => void;
}

/** The CSV buttons (for the toolbar) and dialogs (for the page). */
export function useCsvControls({
  source,
  asset,
  timeframe,
  filter,
  onImported,
  onShowAsset,
}: CsvControlsProps): {
  buttons: ComponentChildren;
  dialogs: ComponentChildren;
} {
  const [exporting, setExporting] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      const f = e.dataTransfer?.files[0];
      if (!f) return;
      e.preventDefault();
      setFile(f);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const buttons = (
    <>
      <button type="button" onClick={() => setExporting(true)} disabled={!source}>
        Export CSV
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Import CSV
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.txt,text/csv"
        class="csv-file-input"
        aria-label="CSV file to import"
        tabIndex={-1}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (f) setFile(f);
          e.currentTarget.value = '';
        }}
      />
    </>
  );
  const dialogs = (
    <>
      {exporting && source && (
        <ExportDialog
          source={source}
          asset={asset}
          timeframe={timeframe}
          filter={filter}
          onClose={() => setExporting(false)}
        />
      )}
      {file && (
        <ImportDialog
          key={`${file.name}:${file.lastModified}`}
          file={file}
          asset={asset}
          onClose={() => setFile(null)}
          onImported={onImported}
          onShowAsset={onShowAsset}
        />
      )}
    </>
  );
  return { buttons, dialogs };
}
