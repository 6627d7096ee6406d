/** Props for rendering one side panel on its own: BTC 1h, all contracts, no chart frame, callbacks that do nothing. */
import { ALL_CONTRACTS } from '../../../src/core/market';
import type { PanelProps } from '../../../src/ui/panels/SidePanel';

/** A panel's props with `over` applied. */
export function panelProps(over: Partial<PanelProps> = {}): PanelProps {
  return {
    source: 'archive',
    asset: 'BTC',
    frame: null,
    timeframe: '1h',
    filter: ALL_CONTRACTS,
    onJump: () => {},
    onTimeframe: () => {},
    studyRequest: 0,
    ...over,
  };
}
