/** Toolbar selector for which contracts the liquidation aggregate sums: all, by margin, or one exchange. */
import { ALL_CONTRACTS, type ContractFilter, filterKey } from '../../core/market';
import type { NamedExchange } from './exchange-names';

/** Props of the selector. */
export interface ContractFilterSelectProps {
  value: ContractFilter;
  onChange: (f: ContractFilter) => void;
  /** The stored exchanges (useStoredExchanges), each offered as a filter. */
  exchanges: readonly NamedExchange[];
}

/** Renders the selector. */
export function ContractFilterSelect({ value, onChange, exchanges }: ContractFilterSelectProps) {
  const options: Array<[string, string, ContractFilter]> = [
    ['all', 'All contracts', ALL_CONTRACTS],
    ['margin:COIN', 'COIN-margined', { kind: 'margin', margin: 'COIN' }],
    ['margin:STABLE', 'STABLE-margined', { kind: 'margin', margin: 'STABLE' }],
    ...exchanges.map((e): [string, string, ContractFilter] => [
      `exchange:${e.code}`,
      e.name,
      { kind: 'exchange', exchange: e.code },
    ]),
  ];
  return (
    <select
      aria-label="Contracts"
      value={filterKey(value)}
      onChange={(e) => {
        const hit = options.find(([k]) => k === e.currentTarget.value);
        if (hit) onChange(hit[2]);
      }}
    >
      {options.map(([k, label]) => (
        <option key={k} value={k}>
          {label}
        </option>
      ))}
    </select>
  );
}
