/**
 * The part of the mapping form that says where a generic file's series go: the contract (or synthetic aggregate)
 * of each long/short pair, the candles' market, the exchanges an aggregate covers, and what omitted rows mean.
 */
import type { GenericMapping } from '../../core/csv/mapping';
import { AGGREGATE_PREFIX, COVERABLE_EXCHANGES, nameProblem } from '../../core/csv/names';

/** Props of the series part of the mapping form. */
export interface SeriesMappingProps {
  header: readonly string[];
  mapping: GenericMapping;
  set: (patch: Partial<GenericMapping>) => void;
}

function Problem({ name }: { name: string }) {
  const why = nameProblem(name);
  return why ? <span class="csv-invalid">{`Not allowed: ${why}`}</span> : null;
}

/** Renders the contract, candle, aggregate and omitted-rows controls. */
export function SeriesMapping({ header, mapping, set }: SeriesMappingProps) {
  const c = mapping.candles;
  const symbols = [
    ...mapping.pairs.map((p) => p.symbol),
    ...(c ? [c.symbol] : []),
    ...mapping.context.map((x) => x.symbol),
  ];
  const aggregates = [...new Set(symbols.filter((s) => s.startsWith(AGGREGATE_PREFIX)))];
  const rename = (k: number, symbol: string) => {
    const old = mapping.pairs[k]?.symbol;
    const pairs = mapping.pairs.map((q, j) => (j === k ? { ...q, symbol } : q));
    // Candles that went with the renamed pair follow it.
    const candles = c && c.symbol === old ? { ...c, symbol } : c;
    set({ pairs, candles });
  };
  const toggle = (code: string, on: boolean) =>
    set({ covers: on ? [...mapping.covers, code] : mapping.covers.filter((x) => x !== code) });
  return (
    <>
      {mapping.pairs.map((p, k) => (
        <label key={p.label}>
          Contract for “{p.label}”
          <input value={p.symbol} onInput={(e) => rename(k, e.currentTarget.value)} />
          <Problem name={p.symbol} />
        </label>
      ))}
      {c && (
        <label>
          Candles ({[c.open, c.high, c.low, c.close].map((i) => header[i]).join(', ')}) stored as
          <input
            value={c.symbol}
            onInput={(e) => set({ candles: { ...c, symbol: e.currentTarget.value } })}
          />
          <Problem name={c.symbol} />
        </label>
      )}
      {aggregates.length > 0 && (
        <fieldset class="csv-aggregate">
          <legend>Exchanges the aggregate covers</legend>
          <p class="hint">
            {aggregates.join(', ')} is a synthetic aggregate: the file's columns name no contract, so their
            sum is not stored as any one exchange's contract. It has its own entry in the Contracts selector;
            All contracts adds it to the other contracts.
          </p>
          {COVERABLE_EXCHANGES.map((e) => (
            <label key={e.code} class="csv-check">
              <input
                type="checkbox"
                checked={mapping.covers.includes(e.code)}
                onChange={(ev) => toggle(e.code, ev.currentTarget.checked)}
              />
              {e.name}
            </label>
          ))}
        </fieldset>
      )}
      {mapping.pairs.length > 0 && (
        <label>
          Times the file leaves out
          <select
            value={mapping.omitted}
            onChange={(e) => set({ omitted: e.currentTarget.value as GenericMapping['omitted'] })}
          >
            <option value="gap">are gaps (no data)</option>
            <option value="zero">are zero liquidations</option>
          </select>
        </label>
      )}
      {mapping.pairs.length > 0 && (
        <p class="hint">
          {mapping.omitted === 'gap'
            ? 'A time with no row stays a gap on the chart: nothing is known about it.'
            : 'A time with no row between the first and last row counts as no liquidations, as the Coinalyze API omits empty buckets.'}
          {c && ' The file carries candles, so a missing row is a missing hour, not a calm one.'}
        </p>
      )}
    </>
  );
}
