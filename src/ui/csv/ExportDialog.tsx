/** Export dialog: format, contract filter, range and destination; streams from the fetch worker with progress. */
import { proxy, transfer } from 'comlink';
import { useRef, useState } from 'preact/hooks';
import type { Timeframe } from '../../core/intervals';
import { type ContractFilter, filterKey } from '../../core/market';
import type { DataSource } from '../../workers/compute/api';
import { fetcher, referenceFor } from '../app/services';
import { Modal } from '../common/Modal';
import { loadSettings } from '../settings/settings-store';
import { canPickFile, download, pickFile, type SaveTarget } from './save';

/** Props of the export dialog. */
export interface ExportDialogProps {
  source: DataSource;
  /** The base asset on screen: the file holds its contracts and says so in its name. */
  asset: string;
  timeframe: Timeframe;
  /** The chart's contract filter: the default, so the file holds what the chart shows. */
  filter: ContractFilter;
  onClose: () => void;
}

const FIXED: Array<[string, ContractFilter]> = [
  ['All contracts', { kind: 'all' }],
  ['Coin-margined', { kind: 'margin', margin: 'COIN' }],
  ['Stablecoin-margined', { kind: 'margin', margin: 'STABLE' }],
];

/** Filter choices: the fixed ones, plus the chart's exchange when it shows one exchange. */
function filterChoices(chart: ContractFilter): Array<[string, ContractFilter]> {
  return chart.kind === 'exchange' ? [...FIXED, [`Exchange ${chart.exchange}`, chart]] : FIXED;
}

function toUnix(date: string): number | null {
  return date ? Date.parse(`${date}T00:00:00Z`) / 1000 : null;
}

/** What is wrong with the From / To pair (To is exclusive), or null when the range can hold data. */
export function rangeProblem(from: string, to: string): string | null {
  if (!from || !to) return null;
  if (from > to) return `From (${from}) is after To (${to}): pick a From before To.`;
  if (from === to) return `From and To are the same day (${from}), and To is exclusive: the range is empty.`;
  return null;
}

/** The chosen range in words ("from 2024-08-01 to 2024-08-10", "from … on", "before …"), or '' for all time. */
function rangeWords(from: string, to: string): string {
  if (from && to) return `from ${from} to ${to} `;
  if (from) return `from ${from} on `;
  if (to) return `before ${to} `;
  return '';
}

/** The message for an export that found no rows: the range and filter hold no stored data. */
function nothingStored(from: string, to: string): string {
  return `No stored data ${rangeWords(from, to)}for these contracts: nothing exported.`;
}

/** Renders the export dialog. */
export function ExportDialog({ source, asset, timeframe, filter: chartFilter, onClose }: ExportDialogProps) {
  const [kind, setKind] = useState<'bars' | 'archive'>('bars');
  const choices = filterChoices(chartFilter);
  const [filter, setFilter] = useState(filterKey(chartFilter));
  const chosen = choices.find(([, f]) => filterKey(f) === filter)?.[1] ?? chartFilter;
  const [perExchange, setPerExchange] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [dest, setDest] = useState<'pick' | 'download'>(canPickFile() ? 'pick' : 'download');
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const problem = rangeProblem(from, to);

  const run = async () => {
    if (problem) return;
    const name = `liqlab-${asset}-${kind}-${kind === 'bars' ? `${timeframe}-` : ''}${filter.replace(':', '-')}.csv`;
    let target: SaveTarget;
    try {
      target = dest === 'pick' ? await pickFile(name) : download(name);
    } catch {
      return; // the user closed the picker
    }
    const ctrl = new AbortController();
    abort.current = ctrl;
    setProgress(0);
    setMessage(null);
    try {
      // The candles the chart shows: the demo's own market, or the reference chosen in settings.
      const referenceSymbol = referenceFor(source, await loadSettings(), asset);
      const r = await fetcher.call(ctrl.signal, (api, id) =>
        api.csvExport(
          {
            kind,
            source,
            asset,
            timeframe,
            filter: chosen,
            referenceSymbol,
            exchangeColumns: kind === 'bars' && perExchange,
            from: toUnix(from),
            to: toUnix(to),
          },
          proxy(async (b: Uint8Array) => {
            const back = await target.write(b);
            return back && transfer(back, [back.buffer as ArrayBuffer]);
          }),
          proxy((f: number) => setProgress(f)),
          id,
        ),
      );
      if (r.rows === 0) {
        // A header-only file helps no one: discard it and say why.
        await target.abort();
        setMessage(nothingStored(from, to));
        return;
      }
      await target.close();
      setMessage(`Exported ${r.rows.toLocaleString()} rows (${(r.bytes / 1e6).toFixed(1)} MB).`);
    } catch (e) {
      await target.abort();
      setMessage(ctrl.signal.aborted ? 'Export cancelled.' : `Export failed: ${String(e)}`);
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  // Closing (the Close button or Escape) stops an export in progress; the partial file is discarded.
  const close = () => {
    abort.current?.abort();
    onClose();
  };
  return (
    <Modal label="Export CSV" class="csv-dialog" onClose={close}>
      <h2>Export CSV</h2>
      <label>
        Format
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as 'bars' | 'archive')}>
          <option value="bars">Bars ({timeframe}, for pandas / Excel)</option>
          <option value="archive">Archive (lossless, every stored point)</option>
        </select>
      </label>
      {kind === 'bars' && (
        <label>
          <input
            type="checkbox"
            checked={perExchange}
            onChange={(e) => setPerExchange(e.currentTarget.checked)}
          />{' '}
          Per-exchange columns (long and short of each exchange)
        </label>
      )}
      <label>
        Contracts
        <select value={filter} onChange={(e) => setFilter(e.currentTarget.value)}>
          {choices.map(([label, f]) => (
            <option key={filterKey(f)} value={filterKey(f)}>
              {label}
              {filterKey(f) === filterKey(chartFilter) ? ' (as the chart)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        From (UTC date)
        <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
      </label>
      <label>
        To (UTC date, exclusive)
        <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
      </label>
      <label>
        Destination
        <select value={dest} onChange={(e) => setDest(e.currentTarget.value as 'pick' | 'download')}>
          {canPickFile() && <option value="pick">Choose a file…</option>}
          <option value="download">Download</option>
        </select>
      </label>
      {problem && <p role="alert">{problem}</p>}
      {progress !== null && <progress aria-label="Export progress" max={1} value={progress} />}
      {message && <p role="status">{message}</p>}
      <div class="csv-actions">
        {progress === null ? (
          <button type="button" onClick={run} disabled={problem !== null}>
            Save
          </button>
        ) : (
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel export
          </button>
        )}
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
