/** Words for a shared image: what is shown and where the data comes from. */
import { DEFAULT_ASSET } from '../../core/assets';
import type { Timeframe } from '../../core/intervals';
import type { ContractFilter } from '../../core/market';
import type { StatusInfo } from '../status/StatusBar';

/** "All contracts", "COIN-margined", "Exchange A"… as the toolbar names a filter. */
export function filterLabel(f: ContractFilter): string {
  if (f.kind === 'all') return 'All contracts';
  if (f.kind === 'margin') return `${f.margin}-margined`;
  return `Exchange ${f.exchange}`;
}

/** The image's title line and source line for `asset`'s data on screen. */
export function shareTexts(
  asset: string,
  status: StatusInfo,
  filter: ContractFilter,
  timeframe: Timeframe,
): { title: string; source: string } {
  if (status.source === 'Demo' && asset === DEFAULT_ASSET)
    return {
      title: `BTC liquidations · Binance BTCUSDT perpetual · ${timeframe}`,
      source: 'Data: Coinalyze, bundled demo (recorded by denizyts/Coinalyze-Backtester)',
    };
  const imported = /imported/i.test(status.message ?? '');
  return {
    title: `${asset} liquidations · ${filterLabel(filter)} · ${timeframe}`,
    source: imported
      ? 'Data: an imported CSV file'
      : `Data: Coinalyze, aggregated across exchanges (${status.source === 'Live' ? 'live' : 'stored, offline'})`,
  };
}
