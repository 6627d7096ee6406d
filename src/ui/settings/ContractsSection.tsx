/**
 * Settings section for which contracts are fetched: exchange, margin type, perpetual/dated, with the resulting
 * contract count and the budget one full refresh costs, plus the reference market whose candles are drawn.
 */
import { useEffect, useState } from 'preact/hooks';
import { pickReference } from '../../core/assets';
import { CALLS_PER_MINUTE } from '../../core/budget';
import { type ContractSelection, DEFAULT_SELECTION, selectContracts } from '../../core/coinalyze';
import { assetsCost } from '../../core/live-cost';
import type { Market } from '../../core/market';
import { assetSettings, withAssetSettings } from '../../core/settings';
import { sharedDatabase } from '../../storage/connection';
import { ARCHIVE_DB } from '../../storage/db-names';
import { exchangeNames } from '../../storage/kv-repo';
import { CheckField } from './fields/CheckField';
import { SelectField, type SelectOption } from './fields/SelectField';
import type { SectionProps } from './SettingsDialog';

const MARGINS: readonly SelectOption<ContractSelection['margin']>[] = [
  { value: 'both', label: 'COIN- and STABLE-margined' },
  { value: 'COIN', label: 'COIN-margined only' },
  { value: 'STABLE', label: 'STABLE-margined only' },
];

/** Stored markets and exchange names (empty until the first market list arrives). */
export async function loadCatalog(): Promise<{ markets: Market[]; names: Map<string, string> }> {
  const db = await sharedDatabase(ARCHIVE_DB);
  const names = await exchangeNames(db);
  return { markets: await db.getAll('markets'), names };
}

/** What the cost lines say before any market list is stored: the counts are unknown, not zero. */
export const NO_MARKET_LIST =
  'Contracts and what a refresh costs are known once a Coinalyze key has loaded the market list (Settings → Data → Coinalyze API key).';

/** The one-line summary: how many contracts and what a full refresh costs against the budget. */
export function costLine(count: number): string {
  const cost = assetsCost([count]);
  return (
    `${count} contracts · a full refresh costs ${cost.calls} calls in ${cost.requests} requests ≈ ${minutes(cost.minutes)} min of the ${CALLS_PER_MINUTE} calls/min budget` +
    ` · with open interest and funding ${cost.totalCalls} calls ≈ ${minutes(cost.totalMinutes)} min; keeping those current takes ≈ ${cost.contextPerMin.toFixed(1)} calls/min`
  );
}

/** Minutes as the cost lines show them: one decimal below ten. */
export function minutes(m: number): string {
  return m < 10 ? m.toFixed(1) : String(Math.round(m));
}

/** Contract filter and reference market inputs of the asset on screen. */
export function ContractsSection({ draft, onChange, asset }: SectionProps) {
  const [catalog, setCatalog] = useState<{ markets: Market[]; names: Map<string, string> } | null>(null);
  useEffect(() => {
    void loadCatalog().then(setCatalog, () => setCatalog({ markets: [], names: new Map() }));
  }, []);
  const own = assetSettings(draft, asset);
  const sel = own.contracts;
  const set = (patch: Partial<ContractSelection>) =>
    onChange(withAssetSettings(draft, asset, { contracts: { ...sel, ...patch } }));
  const markets = catalog?.markets ?? [];
  // Every exchange with a fetchable contract of the asset stays listed, whatever the other filters say.
  const all = selectContracts(markets, DEFAULT_SELECTION, Date.now(), asset);
  const chosen = selectContracts(markets, sel, Date.now(), asset);
  const exchanges = [...new Set(all.map((m) => m.exchange))].sort();
  const name = (code: string) => catalog?.names.get(code) ?? `Exchange ${code}`;
  const references = markets.filter((m) => m.baseAsset === asset && m.hasOhlcv);
  const live = draft.assets.live.includes(asset);
  return (
    <div class="form-grid">
      <p class="hint" data-testid="contracts-asset">
        {asset}'s contracts{live ? '' : ` (${asset} is not kept Live: Settings → Data)`}. Each asset keeps its
        own choice.
      </p>
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
        {catalog === null
          ? 'Loading markets…'
          : catalog.markets.length === 0
            ? NO_MARKET_LIST
            : costLine(chosen.length)}
      </p>
      <SelectField
        id="contracts-reference"
        label="Reference market (candles)"
        value={pickReference(own.reference, asset, markets)}
        options={references.map((m) => ({
          value: m.symbol,
          label: `${name(m.exchange)} ${m.symbolOnExchange}${m.isPerpetual ? ' perp' : ''} (${m.symbol})`,
        }))}
        onChange={(reference) => onChange(withAssetSettings(draft, asset, { reference }))}
      />
    </div>
  );
}
