/**
 * Import flow: sniff → (mapping) → dry run with progress and cancel → what will change → one atomic commit. A file
 * other than an archive is stored under the asset chosen here (the one it names, else the asset on screen).
 */
import { proxy } from 'comlink';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BTC_TARGET, type ImportTarget, namedSymbols, retargetMapping } from '../../core/csv/import-target';
import type { GenericMapping, SniffResult } from '../../core/csv/mapping';
import type { ImportSpec } from '../../core/csv/session';
import { namedAsset } from '../../core/csv/symbol-asset';
import type { ImportPreview } from '../../workers/fetch/csv/types';
import { fetcher } from '../app/services';
import { Modal } from '../common/Modal';
import { type AssetChoices, ImportAsset, loadAssetChoices } from './ImportAsset';
import { MappingForm } from './MappingForm';
import { PreviewSummary } from './PreviewSummary';

/** Props of the import dialog. */
export interface ImportDialogProps {
  file: File;
  /** The base asset on screen: what a file naming no asset is stored under unless the user picks another. */
  asset: string;
  onClose: () => void;
  onImported: () => void;
  /** Puts `asset` on screen (offered after importing under another asset than the one shown). */
  onShowAsset?: (asset: string) => void;
}

type Step = 'sniffing' | 'mapping' | 'running' | 'preview' | 'committing' | 'done';

/** Renders the import dialog for one file. */
export function ImportDialog({ file, asset: screen, onClose, onImported, onShowAsset }: ImportDialogProps) {
  const [step, setStep] = useState<Step>('sniffing');
  const [sniffed, setSniffed] = useState<SniffResult | null>(null);
  const [mapping, setMapping] = useState<GenericMapping | null>(null);
  const [choices, setChoices] = useState<AssetChoices | null>(null);
  const [target, setTarget] = useState<ImportTarget | null>(null);
  const [progress, setProgress] = useState(0);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [imported, setImported] = useState(false);
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
    Promise.all([fetcher.api.csvSniff(file), loadAssetChoices(screen)])
      .then(([s, c]) => {
        setSniffed(s);
        setChoices(c);
        if (s.format === 'archive') return dryRun({ format: 'archive' });
        const named = s.mapping ? namedSymbols(s.mapping) : [];
        const t = c.targetOf(namedAsset(file.name, named, c.assets) ?? screen);
        if (s.format === 'bars') {
          setTarget(t);
          return dryRun({ format: 'bars', target: t });
        }
        if (!s.mapping) {
          setMessage(`Cannot import ${file.name}: ${s.unsure.join('; ')}`);
          return setStep('done');
        }
        setTarget(t);
        // Detection proposes BTC's reference market for candles the file names no market for.
        setMapping(retargetMapping(s.mapping, BTC_TARGET, t));
        setStep('mapping');
      })
      .catch((e: unknown) => {
        setMessage(`Cannot read ${file.name}: ${String(e)}`);
        setStep('done');
      });
  }, [file]);

  /** A new asset: the mapping follows it, and a dry run already shown is run again for it. */
  const changeAsset = (asset: string) => {
    if (!choices || !target || !sniffed) return;
    const t = choices.targetOf(asset);
    const m = mapping && retargetMapping(mapping, target, t);
    setTarget(t);
    setMapping(m);
    if (step !== 'preview') return;
    if (preview) void fetcher.api.csvDiscard(preview.id);
    setPreview(null);
    if (sniffed.format === 'bars') void dryRun({ format: 'bars', target: t });
    else if (m) void dryRun({ format: 'generic', mapping: m, target: t });
  };

  const commit = async () => {
    if (!preview) return;
    setStep('committing');
    try {
      const d = await fetcher.api.csvCommit(preview.id);
      const under = target ? ` as ${target.asset}'s data` : '';
      setMessage(
        `Imported${under}: ${d.newPoints} new, ${d.overwritten} overwritten, ${d.unchanged} unchanged.`,
      );
      setImported(true);
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

  const elsewhere = imported && target && target.asset !== screen ? target.asset : null;
  return (
    <Modal label="Import CSV" class="csv-dialog" onClose={close}>
      <h2>Import {file.name}</h2>
      {sniffed?.format === 'archive' && (
        <p class="hint" data-testid="import-asset">
          An archive file keeps each contract's asset (its market rows name it).
        </p>
      )}
      {target && choices && (
        <ImportAsset
          target={target}
          assets={choices.assets}
          screen={screen}
          named={mapping ? namedSymbols(mapping) : []}
          disabled={step !== 'mapping' && step !== 'preview'}
          onChange={changeAsset}
        />
      )}
      {step === 'sniffing' && <p>Reading…</p>}
      {step === 'mapping' && sniffed && mapping && target && (
        <>
          <MappingForm sniffed={sniffed} mapping={mapping} asset={target.asset} onChange={setMapping} />
          <div class="csv-actions">
            <button type="button" onClick={() => dryRun({ format: 'generic', mapping, target })}>
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
        {elsewhere && onShowAsset && (
          <button
            type="button"
            onClick={() => {
              onShowAsset(elsewhere);
              onClose();
            }}
          >
            Show {elsewhere}
          </button>
        )}
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
