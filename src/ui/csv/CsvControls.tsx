/** The "Export CSV" and "Import CSV" toolbar buttons, the file picker, and drag-and-drop onto the window. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Timeframe } from '../../core/intervals';
import type { ContractFilter } from '../../core/market';
import type { DataSource } from '../../workers/compute/api';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';
import './csv.css';

/** Props of the CSV controls. */
export interface CsvControlsProps {
  source: DataSource | null;
  timeframe: Timeframe;
  /** The chart's contract filter; exports default to it. */
  filter: ContractFilter;
  /** Called after an import landed in the archive. */
  onImported: () => void;
}

/** Renders the buttons and, when open, the dialogs. */
export function CsvControls({ source, timeframe, filter, onImported }: CsvControlsProps) {
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

  return (
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
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (f) setFile(f);
          e.currentTarget.value = '';
        }}
      />
      {exporting && source && (
        <ExportDialog
          source={source}
          timeframe={timeframe}
          filter={filter}
          onClose={() => setExporting(false)}
        />
      )}
      {file && (
        <ImportDialog
          key={`${file.name}:${file.lastModified}`}
          file={file}
          onClose={() => setFile(null)}
          onImported={onImported}
        />
      )}
    </>
  );
}
