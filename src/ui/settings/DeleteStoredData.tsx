/**
 * Settings → Data, "Delete stored data": a contract (or all) and/or a UTC date range, the number of points that
 * will go, and a confirmation step. Deleting happens at once in the fetch worker (not on Save).
 */
import { useEffect, useState } from 'preact/hooks';
import { sharedDatabase } from '../../storage/connection';
import { ARCHIVE_DB } from '../../storage/db-names';
import type { DeleteCount, DeleteSelection } from '../../storage/delete-range';
import { fetcher } from '../app/services';

const ALL = '';

/** Stored contracts (anything with coverage: liquidations, candles, open interest or funding), sorted. */
async function storedSymbols(): Promise<string[]> {
  const db = await sharedDatabase(ARCHIVE_DB);
  const [series, context] = await Promise.all([db.getAll('coverage'), db.getAll('ctxCoverage')]);
  return [...new Set([...series, ...context].map((c) => c.symbol))].sort();
}

function toUnix(date: string): number | null {
  return date ? Date.parse(`${date}T00:00:00Z`) / 1000 : null;
}

/** Every kind the selection touches, e.g. "1,440 liquidation points, 288 open interest points and 24 funding rates". */
function describe(count: DeleteCount): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const parts = [`${n(count.liqPoints)} liquidation points`, `${n(count.candlePoints)} candles`];
  // Open interest and funding are named only when there are some: most selections have none of them.
  if (count.oiPoints > 0) parts.push(`${n(count.oiPoints)} open interest points`);
  if (count.fundingPoints > 0) parts.push(`${n(count.fundingPoints)} funding rates`);
  if (count.predictedPoints > 0) parts.push(`${n(count.predictedPoints)} predicted funding rates`);
  const last = parts.pop();
  return `${parts.join(', ')} and ${last} in ${n(count.series)} series`;
}

/** Points of every kind the selection removes. */
function totalOf(c: DeleteCount): number {
  return c.liqPoints + c.candlePoints + c.oiPoints + c.fundingPoints + c.predictedPoints;
}

/** Renders the delete controls. */
export function DeleteStoredData() {
  const [symbols, setSymbols] = useState<string[]>([]);
  const [symbol, setSymbol] = useState(ALL);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [count, setCount] = useState<DeleteCount | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const badRange = from !== '' && to !== '' && to <= from;
  const selection: DeleteSelection = {
    symbol: symbol === ALL ? null : symbol,
    from: toUnix(from),
    to: toUnix(to),
  };

  useEffect(() => {
    void storedSymbols().then(setSymbols, () => setSymbols([]));
  }, [revision]);
  useEffect(() => {
    setConfirming(false);
    if (badRange) return setCount(null);
    let stale = false;
    fetcher.api.storedCount(selection).then(
      (c) => !stale && setCount(c),
      (e: unknown) => !stale && setMessage(`Could not count stored data: ${String(e)}`),
    );
    return () => {
      stale = true;
    };
  }, [symbol, from, to, revision]);

  const total = count ? totalOf(count) : 0;
  const what = `${symbol === ALL ? 'all contracts' : symbol}, ${from || 'the beginning'} to ${to ? `${to} (exclusive)` : 'now'} UTC`;
  const run = async () => {
    setBusy(true);
    try {
      const removed = await fetcher.api.storedDelete(selection);
      setMessage(`Deleted ${describe(removed)}.`);
    } catch (e) {
      setMessage(`Nothing was deleted: ${String(e)}`);
    }
    setBusy(false);
    setConfirming(false);
    setRevision((r) => r + 1);
  };

  return (
    <fieldset class="delete-data">
      <legend>Delete stored data</legend>
      <label>
        Contract to delete
        <select value={symbol} onChange={(e) => setSymbol(e.currentTarget.value)}>
          <option value={ALL}>All contracts</option>
          {symbols.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Delete from (UTC date)
        <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
      </label>
      <label>
        Delete to (UTC date, exclusive)
        <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
      </label>
      <p class="hint" data-testid="delete-count">
        {badRange
          ? 'The end date must be after the start date.'
          : count && `Will remove ${describe(count)} (${what}).`}
      </p>
      {!confirming ? (
        <button type="button" disabled={busy || badRange || total === 0} onClick={() => setConfirming(true)}>
          Delete stored data…
        </button>
      ) : (
        <div role="alertdialog" aria-label="Confirm deletion" class="delete-confirm">
          <p>
            Delete {count && describe(count)} ({what})? This cannot be undone: the span becomes a gap on the
            chart. With an API key, what Coinalyze still holds is fetched again.
          </p>
          <button type="button" class="danger" disabled={busy} onClick={run}>
            Delete
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Keep the data
          </button>
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </fieldset>
  );
}
