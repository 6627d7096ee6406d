/** What a dry run found: counts, conflicting and rejected lines, and the button that writes the import. */
import type { ImportPreview } from '../../workers/fetch/csv/types';

/** Renders the dry run's summary of `p`; `onCommit` writes it. */
export function PreviewSummary({ p, onCommit }: { p: ImportPreview; onCommit: () => void }) {
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
