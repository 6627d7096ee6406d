/** Import flow: sniff → (mapping) → dry run with progress and cancel → what will change → one atomic commit. */
import { proxy } from 'comlink';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_ASSET } from '../../core/assets';
import type { GenericMapping, SniffResult } from '../../core/csv/mapping';
import type { ImportSpec } from '../../core/csv/session';
import type { ImportPreview } from '../../workers/fetch/csv/types';
import { fetcher } from '../app/services';
import { Modal } from '../common/Modal';
import { MappingForm } from './MappingForm';

/** Props of the import dialog. */
export interface ImportDialogProps {
  file: File;
  /** The base asset on screen (imports other than archive files are stored as BTC for now). */
  asset: string;
  onClose: () => void;
  onImported: () => void;
}

type Step = 'sniffing' | 'mapping' | 'running' | 'preview' | 'committing' | 'done';

/** Renders the import dialog for one file. */
export function ImportDialog({ file, asset, onClose, onImported }: ImportDialogProps) {
  const [step, setStep] = useState<Step>('sniffing');
  const [sniffed, setSniffed] = useState<SniffResult | null>(null);
  const [mapping, setMapping] = useState<GenericMapping | null>(null);
  const [progress, setProgress] = useState(0);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const dryRun = async (spec: ImportSpec) => {
    const ctrl = new AbortController();
    abort.current = ctrl;
    setStep('running');
    setProgress(0);
    try {
      const p = await fetcher.call(ctrl.signal, (api, id) =>
        api.csvDryRun(file, spec, proxy(setProgress), id),
      );
      setPreview(p);
      setStep('preview');
    } catch (e) {
      setMessage(
        ctrl.signal.aborted ? 'Import cancelled: nothing was changed.' : `Import failed: ${String(e)}`,
      );
      setStep('done');
    }
  };

  useEffect(() => {
    fetcher.api
      .csvSniff(file)
      .then((s) => {
        setSniffed(s);
        if (s.format !== 'generic') return dryRun({ format: s.format });
        if (!s.mapping) {
          setMessage(`Cannot import ${file.name}: ${s.unsure.join('; ')}`);
          return setStep('done');
        }
        setMapping(s.mapping);
        setStep('mapping');
      })
      .catch((e: unknown) => {
        setMessage(`Cannot read ${file.name}: ${String(e)}`);
        setStep('done');
      });
  }, [file]);

  const commit = async () => {
    if (!preview) return;
    setStep('committing');
    try {
      const d = await fetcher.api.csvCommit(preview.id);
      setMessage(`Imported: ${d.newPoints} new, ${d.overwritten} overwritten, ${d.unchanged} unchanged.`);
      onImported();
    } catch (e) {
      setMessage(`Import failed, nothing was changed: ${String(e)}`);
    }
    setStep('done');
  };

  const close = () => {
    abort.current?.abort();
    if (preview && step === 'preview') void fetcher.api.csvDiscard(preview.id);
    onClose();
  };

  return (
    <Modal label="Import CSV" class="csv-dialog" onClose={close}>
      <h2>Import {file.name}</h2>
      {asset !== DEFAULT_ASSET && (
        <p class="hint" data-testid="import-asset">
          Liquidation and bar files are stored as BTC's (an archive file keeps the asset of each contract):
          switch to BTC to see them.
        </p>
      )}
      {step === 'sniffing' && <p>Reading…</p>}
      {step === 'mapping' && sniffed && mapping && (
        <>
          <MappingForm sniffed={sniffed} mapping={mapping} onChange={setMapping} />
          <div class="csv-actions">
            <button type="button" onClick={() => dryRun({ format: 'generic', mapping })}>
              Check import
            </button>
          </div>
        </>
      )}
      {(step === 'running' || step === 'committing') && (
        <>
          <progress
            aria-label="Import progress"
            max={1}
            value={step === 'committing' ? undefined : progress}
          />
          {step === 'running' && (
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel import
            </button>
          )}
        </>
      )}
      {step === 'preview' && preview && <PreviewSummary p={preview} onCommit={commit} />}
      {message && <p role="status">{message}</p>}
      <div class="csv-actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}

function PreviewSummary({ p, onCommit }: { p: ImportPreview; onCommit: () => void }) {
  return (
    <div class="csv-summary">
      {p.fatal ? (
        <p role="alert">Nothing can be imported: {p.fatal}</p>
      ) : (
        <p>
          {p.rows.toLocaleString()} rows: {p.newPoints.toLocaleString()} new points,{' '}
          {p.overwritten.toLocaleString()} overwritten, {p.unchanged.toLocaleString()} unchanged,{' '}
          {p.duplicates} duplicate rows, {p.conflictCount} conflicts, {p.rejectedCount} rejected lines.
        </p>
      )}
      {p.conflicts.length > 0 && (
        <ul class="csv-lines">
          {p.conflicts.slice(0, 50).map((c) => (
            <li key={c.line}>
              line {c.line}: {c.key} differs from line {c.firstLine} (line {c.firstLine} kept)
            </li>
          ))}
        </ul>
      )}
      {p.rejected.length > 0 && (
        <ul class="csv-lines">
          {p.rejected.slice(0, 200).map((r) => (
            <li key={r.line}>
              line {r.line}: {r.reason}
            </li>
          ))}
        </ul>
      )}
      {!p.fatal && (
        <button type="button" onClick={onCommit}>
          Import {p.newPoints + p.overwritten > 0 ? 'changes' : '(no changes)'}
        </button>
      )}
    </div>
  );
}
