/**
 * Settings section for which contracts are fetched: exchange, margin type, perpetual/dated, with the resulting
 * contract count and the budget one full refresh costs, plus the reference market whose candles are drawn.
 */
import { useEffect, useState } from 'preact/hooks';
import { CALLS_PER_MINUTE } from '../../core/budget';
import {
  type ContractSelection,
  DEFAULT_SELECTION,
  refreshCost,
  selectContracts,
} from '../../core/coinalyze';
import { contextCost } from '../../core/context/cost';
import { CONTEXT_SERIES } from '../../core/context/series';
import { FETCH_INTERVALS } from '../../core/fetch-plan';
import type { Market } from '../../core/market';
import { sharedDatabase } from '../../storage/connection';
import { exchangeNames } from '../../storage/kv-repo';
import { ARCHIVE_DB } from '../../storage/open';
import { CheckField } from './fields/CheckField';
import { SelectField, type SelectOption } from './fields/SelectField';
import type { SectionProps } from './SettingsDialog';

const MARGINS: readonly SelectOption<ContractSelection['margin']>[] = [
  { value: 'both', label: 'COIN- and STABLE-margined' },
  { value: 'COIN', label: 'COIN-margined only' },
  { value: 'STABLE', label: 'STABLE-margined only' },
];

/** Stored markets and exchange names (empty until the first market list arrives). */
async function loadCatalog(): Promise<{ markets: Market[]; names: Map<string, string> }> {
  const db = await sharedDatabase(ARCHIVE_DB);
  const names = await exchangeNames(db);
  return { markets: await db.getAll('markets'), names };
}

/** The one-line summary: how many contracts and what a full refresh costs against the budget. */
export function costLine(count: number): string {
  const cost = refreshCost(count, FETCH_INTERVALS.length);
  const minutes = cost.minutes < 10 ? cost.minutes.toFixed(1) : String(Math.round(cost.minutes));
  const ctx = contextCost(count, CONTEXT_SERIES);
  const total = cost.calls + ctx.calls;
  const totalMin = total / CALLS_PER_MINUTE;
  const all = totalMin < 10 ? totalMin.toFixed(1) : String(Math.round(totalMin));
  return (
    `${count} contracts · a full refresh costs ${cost.calls} calls in ${cost.requests} requests ≈ ${minutes} min of the ${CALLS_PER_MINUTE} calls/min budget` +
    ` · with open interest and funding ${total} calls ≈ ${all} min; keeping those current takes ≈ ${ctx.steadyPerMin.toFixed(1)} calls/min`
  );
}

/** Contract filter and reference market inputs. */
export function ContractsSection({ draft, onChange }: SectionProps) {
  const [catalog, setCatalog] = useState<{ markets: Market[]; names: Map<string, string> } | null>(null);
  useEffect(() => {
    void loadCatalog().then(setCatalog, () => setCatalog({ markets: [], names: new Map() }));
  }, []);
  const sel = draft.coinalyze.contracts;
  const set = (patch: Partial<ContractSelection>) =>
    onChange({ ...draft, coinalyze: { ...draft.coinalyze, contracts: { ...sel, ...patch } } });
  const markets = catalog?.markets ?? [];
  // Every exchange with a fetchable BTC contract stays listed, whatever the other filters say.
  const all = selectContracts(markets, DEFAULT_SELECTION, Date.now());
  const chosen = selectContracts(markets, sel, Date.now());
  const exchanges = [...new Set(all.map((m) => m.exchange))].sort();
  const name = (code: string) => catalog?.names.get(code) ?? `Exchange ${code}`;
  const references = markets.filter((m) => m.baseAsset === 'BTC' && m.hasOhlcv);
  return (
    <div class="form-grid">
      <SelectField
        id="contracts-margin"
        label="Margin type"
        value={sel.margin}
        options={MARGINS}
        onChange={(margin) => set({ margin })}
      />
      <span>Contract types</span>
      <div>
        <CheckField label="Perpetuals" checked={sel.perpetual} onChange={(perpetual) => set({ perpetual })} />{' '}
        <CheckField label="Dated futures" checked={sel.dated} onChange={(dated) => set({ dated })} />
      </div>
      <span>Exchanges</span>
      <div>
        {exchanges.length === 0 && <span class="hint">Known after the first market list loads.</span>}
        {exchanges.map((code) => (
          <CheckField
            key={code}
            class="inline-check"
            // The trailing space lets the row of exchanges wrap between names.
            label={`${name(code)} `}
            checked={!sel.excludedExchanges.includes(code)}
            onChange={(on) =>
              set({
                excludedExchanges: on
                  ? sel.excludedExchanges.filter((x) => x !== code)
                  : [...sel.excludedExchanges, code].sort(),
              })
            }
          />
        ))}
      </div>
      <p class="hint" data-testid="contracts-cost" aria-live="polite">
        {catalog === null ? 'Loading markets…' : costLine(chosen.length)}
      </p>
      <SelectField
        id="contracts-reference"
        label="Reference market (candles)"
        value={draft.coinalyze.reference}
        options={references.map((m) => ({
          value: m.symbol,
          label: `${name(m.exchange)} ${m.symbolOnExchange}${m.isPerpetual ? ' perp' : ''} (${m.symbol})`,
        }))}
        onChange={(reference) => onChange({ ...draft, coinalyze: { ...draft.coinalyze, reference } })}
      />
    </div>
  );
}
