/**
 * Settings → Data: which assets are kept Live (fetched by the leader, alerts evaluated), and what that costs of
 * the 40 calls/min budget, shown as the choice changes, before anything is saved.
 */
import { useEffect, useState } from 'preact/hooks';
import { listAssets } from '../../core/assets';
import { CALLS_PER_MINUTE } from '../../core/budget';
import { selectContracts } from '../../core/coinalyze';
import { assetsCost, LIVE_CALLS_PER_MIN } from '../../core/live-cost';
import type { Market } from '../../core/market';
import { assetSettings, type Settings } from '../../core/settings';
import { loadCatalog, minutes, NO_MARKET_LIST } from './ContractsSection';
import { CheckField } from './fields/CheckField';
import type { SectionProps } from './SettingsDialog';

/** The cost of `draft`'s Live assets as one line (contracts per asset, full refresh, steady load, live pace). */
export function liveCostLine(draft: Settings, markets: readonly Market[], nowMs: number): string {
  const live = draft.assets.live;
  if (live.length === 0) return 'No asset is kept Live: nothing is fetched.';
  if (markets.length === 0) return NO_MARKET_LIST;
  const counts = live.map(
    (a) => selectContracts(markets, assetSettings(draft, a).contracts, nowMs, a).length,
  );
  const cost = assetsCost(counts);
  const per = live.map((a, k) => `${a} ${counts[k]}`).join(', ');
  const slowest = Math.max(...cost.refreshEverySec);
  return (
    `${cost.contracts} contracts (${per}) · a full refresh costs ${cost.calls} calls ≈ ${minutes(cost.minutes)} min of the ${CALLS_PER_MINUTE} calls/min budget` +
    `, with open interest and funding ${cost.totalCalls} calls ≈ ${minutes(cost.totalMinutes)} min` +
    ` · then open interest and funding take ≈ ${cost.contextPerMin.toFixed(1)} calls/min, and ${LIVE_CALLS_PER_MIN} calls/min shared equally between the Live assets refresh each contract's newest minute about every ${Math.round(slowest)} s or sooner`
  );
}

/** Live asset choice with its cost. */
export function LiveAssetsSection({ draft, onChange, asset }: SectionProps) {
  const [markets, setMarkets] = useState<Market[] | null>(null);
  const [adding, setAdding] = useState('');
  useEffect(() => {
    void loadCatalog().then(
      (c) => setMarkets(c.markets),
      () => setMarkets([]),
    );
  }, []);
  const live = draft.assets.live;
  const setLive = (next: string[]) => onChange({ ...draft, assets: { ...draft.assets, live: next } });
  const choices = listAssets(markets ?? [], Date.now()).filter((e) => !live.includes(e.asset));
  const pick = adding || (live.includes(asset) ? (choices[0]?.asset ?? '') : asset);
  return (
    <fieldset class="live-assets">
      <legend>Live assets</legend>
      <p class="hint">
        Live assets are fetched and alerted on while LiqLab is open, from one budget. The others keep what was
        stored.
      </p>
      {live.map((a) => (
        <CheckField
          key={a}
          class="inline-check"
          label={`${a} `}
          ariaLabel={`Keep ${a} Live`}
          checked
          onChange={(on) => on || setLive(live.filter((x) => x !== a))}
        />
      ))}
      <div class="alert-actions">
        <label for="live-add">Add</label>{' '}
        <select id="live-add" value={pick} onChange={(e) => setAdding(e.currentTarget.value)}>
          {!choices.some((c) => c.asset === pick) && pick !== '' && <option value={pick}>{pick}</option>}
          {choices.map((c) => (
            <option key={c.asset} value={c.asset}>
              {c.asset} ({c.contracts} contracts)
            </option>
          ))}
        </select>{' '}
        <button type="button" disabled={pick === ''} onClick={() => setLive([...live, pick])}>
          Keep Live
        </button>
      </div>
      <p class="hint" data-testid="live-cost" aria-live="polite">
        {markets === null ? 'Loading markets…' : liveCostLine(draft, markets, Date.now())}
      </p>
    </fieldset>
  );
}
