/**
 * The open interest and funding part of the mapping form: each context column with its kind, the contract it is
 * stored as and its unit (which the user must choose when the header does not say it), and a way to add a column
 * detection missed.
 */
import type { ContextKind } from '../../core/context/series';
import {
  CONTEXT_NAMES,
  contextIntervalProblem,
  contextIntervals,
  contextUnitProblem,
} from '../../core/csv/detect-context';
import type { ContextColumnMapping, ContextUnit, GenericMapping } from '../../core/csv/mapping';
import { AGGREGATE_PREFIX, nameProblem } from '../../core/csv/names';

/** Props of the context part of the mapping form. */
export interface ContextMappingProps {
  header: readonly string[];
  mapping: GenericMapping;
  /** What detection proposed (its aggregate names the file), for a column the user adds. */
  proposed: GenericMapping | null;
  set: (patch: Partial<GenericMapping>) => void;
}

const UNITS: Readonly<Record<'oi' | 'rate', ReadonlyArray<[ContextUnit, string]>>> = {
  oi: [
    ['usd', 'USD'],
    ['coin', "coins (converted to USD with each bucket's candle close)"],
  ],
  rate: [
    ['percent', 'percent (0.01 = 0.01 %)'],
    ['fraction', 'a fraction (0.0001 = 0.01 %)'],
  ],
};

const NOT_IMPORTED = '';

/**
 * The symbol a newly added column is stored as: the aggregate of the file's other series, or of what detection
 * proposed (named after the file), else any contract the mapping uses.
 */
function defaultSymbol(...mappings: Array<GenericMapping | null>): string {
  const symbols = mappings.flatMap((m) =>
    m ? [...m.context.map((x) => x.symbol), ...m.pairs.map((p) => p.symbol), m.candles?.symbol ?? ''] : [],
  );
  return (
    symbols.find((s) => s.startsWith(AGGREGATE_PREFIX)) ?? symbols.find((s) => s !== '') ?? 'CSV_AGG_IMPORT'
  );
}

function unitsOf(kind: ContextKind) {
  return UNITS[kind === 'oi' ? 'oi' : 'rate'];
}

/** Renders one row per context column, and the "add a column" choice. */
export function ContextMapping({ header, mapping, proposed, set }: ContextMappingProps) {
  const cols = mapping.context;
  const update = (k: number, patch: Partial<ContextColumnMapping>) =>
    set({ context: cols.map((x, j) => (j === k ? { ...x, ...patch } : x)) });
  const setKind = (k: number, kind: string) => {
    if (kind === NOT_IMPORTED) return set({ context: cols.filter((_, j) => j !== k) });
    const next = kind as ContextKind;
    const old = cols[k];
    // A unit of the other family (USD for a rate) does not carry over: the user chooses again.
    const keep = old?.unit && unitsOf(next).some(([u]) => u === old.unit);
    update(k, { kind: next, unit: keep ? old.unit : null });
  };
  const c = mapping.candles;
  const used = new Set([
    mapping.timeColumn,
    ...mapping.pairs.flatMap((p) => [p.long, p.short]),
    ...(c ? [c.open, c.high, c.low, c.close, c.volume] : []),
    ...cols.map((x) => x.column),
  ]);
  const free = header.flatMap((label, column) => (used.has(column) ? [] : [{ label, column }]));
  const add = (column: number) => {
    const label = header[column] ?? `column ${column + 1}`;
    set({
      context: [...cols, { kind: 'oi', label, column, symbol: defaultSymbol(mapping, proposed), unit: null }],
    });
  };
  if (cols.length === 0 && free.length === 0) return null;
  return (
    <fieldset class="csv-context">
      <legend>Open interest and funding</legend>
      {cols.map((x, k) => {
        const problem =
          contextUnitProblem(x) ??
          (contextIntervals(x.kind).includes(mapping.interval)
            ? null
            : contextIntervalProblem(x, mapping.interval));
        const why = nameProblem(x.symbol);
        return (
          <div key={x.column} class="csv-context-row">
            <label>
              Column “{x.label}” is
              <select value={x.kind} onChange={(e) => setKind(k, e.currentTarget.value)}>
                {(['oi', 'funding', 'predicted'] as const).map((kind) => (
                  <option key={kind} value={kind}>
                    {CONTEXT_NAMES[kind]}
                  </option>
                ))}
                <option value={NOT_IMPORTED}>not imported</option>
              </select>
            </label>
            <label>
              Unit of “{x.label}”
              <select
                value={x.unit ?? ''}
                onChange={(e) => update(k, { unit: (e.currentTarget.value || null) as ContextUnit | null })}
              >
                <option value="">choose…</option>
                {unitsOf(x.kind).map(([u, text]) => (
                  <option key={u} value={u}>
                    {text}
                  </option>
                ))}
              </select>
            </label>
            <label>
              “{x.label}” stored as
              <input value={x.symbol} onInput={(e) => update(k, { symbol: e.currentTarget.value })} />
              {why && <span class="csv-invalid">{`Not allowed: ${why}`}</span>}
            </label>
            {problem && (
              <p class="csv-context-problem">{`${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`}</p>
            )}
          </div>
        );
      })}
      {free.length > 0 && (
        <label>
          Add a column as open interest or funding
          <select
            value=""
            onChange={(e) => e.currentTarget.value !== '' && add(Number(e.currentTarget.value))}
          >
            <option value="">choose a column…</option>
            {free.map((f) => (
              <option key={f.column} value={f.column}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <p class="hint">
        Each row's value is stored as that bucket's level. A time the file leaves out, or an empty cell, stays
        a gap: open interest and funding are never taken as zero.
      </p>
    </fieldset>
  );
}
