/** The text lines over an alert snapshot: what happened, on which bars, from which data. */
import { compactUsd } from '../alerts/message';
import type { SpikeEvent } from '../events';
import type { Timeframe } from '../intervals';
import type { ContractFilter } from '../market';

/** How the toolbar names a contract filter; exchanges by their /exchanges name when one is known. */
export function filterLabel(
  filter: ContractFilter,
  exchangeNames: ReadonlyMap<string, string> = new Map(),
): string {
  switch (filter.kind) {
    case 'all':
      return 'All contracts';
    case 'margin':
      return `${filter.margin}-margined`;
    case 'exchange':
      return exchangeNames.get(filter.exchange) ?? `Exchange ${filter.exchange}`;
  }
}

/** "2024-08-05 01:00" for unix seconds, UTC. */
function utcMinute(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The snapshot's headline and source line. */
export interface SnapshotCaption {
  /** e.g. "BTC long liquidation spike · $7.6M · 15m". */
  title: string;
  /** Event class and scores, contracts, data source and the UTC span of the drawn bars. */
  detail: string;
}

/** Caption for `asset`'s `event` drawn on `timeframe` bars (of `step` s) from `fromTime` to the end of the bar at `lastBarTime`. */
export function snapshotCaption(
  asset: string,
  event: SpikeEvent,
  timeframe: Timeframe,
  filter: string,
  fromTime: number,
  lastBarTime: number,
  step: number,
): SnapshotCaption {
  const side = event.side === 'long' ? 'Long' : 'Short';
  const z = Number.isFinite(event.maxZ) ? `, z ${event.maxZ.toFixed(1)}` : '';
  return {
    title: `${asset} ${side.toLowerCase()} liquidation spike · ${compactUsd(event.usd)} · ${timeframe}`,
    detail: [
      `${event.eventClass}${z}`,
      `${asset}, ${filter}`,
      'Coinalyze, aggregated',
      `${utcMinute(fromTime)} – ${utcMinute(lastBarTime + step)} UTC`,
    ].join(' · '),
  };
}
