/** Loads the frame for the current timeframe from the compute worker, cancelling a stale request. */
import { useEffect, useState } from 'preact/hooks';
import type { Timeframe } from '../../core/intervals';
import { ALL_CONTRACTS, type ContractFilter, filterKey } from '../../core/market';
import type { BarFrame } from '../../core/series';
import type { DataSource } from '../../workers/compute/api';
import { compute, DEFAULT_REFERENCE } from './services';

/** Frame state for the chart. */
export interface FrameState {
  frame: BarFrame | null;
  notice: string | null;
  error: string | null;
}

/** Re-requests the frame whenever the source becomes ready or the timeframe changes. */
export function useFrame(
  source: DataSource | null,
  timeframe: Timeframe,
  revision: number,
  filter: ContractFilter = ALL_CONTRACTS,
  reference: string = DEFAULT_REFERENCE,
): FrameState {
  const [state, setState] = useState<FrameState>({ frame: null, notice: null, error: null });
  useEffect(() => {
    if (!source) return;
    const abort = new AbortController();
    compute
      .call(abort.signal, (api, id) =>
        api.loadFrame({ source, timeframe, filter, referenceSymbol: reference }, id),
      )
      .then((r) => setState({ frame: r.frame, notice: r.notice, error: null }))
      .catch((e: unknown) => {
        if (!abort.signal.aborted)
          setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e) }));
      });
    return () => abort.abort();
  }, [source, timeframe, revision, filterKey(filter), reference]);
  return state;
}
