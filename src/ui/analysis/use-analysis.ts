/** Loads frame + analysis from the compute worker with the saved parameters; replaces useFrame for the chart. */
import { useEffect, useState } from 'preact/hooks';
import type { Timeframe } from '../../core/intervals';
import { ALL_CONTRACTS } from '../../core/market';
import type { BarFrame } from '../../core/series';
import type { AnalyzeResult, DataSource } from '../../workers/compute/api';
import { compute, DEFAULT_REFERENCE } from '../app/services';
import { loadSettings } from '../settings/settings-store';
import { publishAnalysis } from './analysis-store';

/** Chart state plus the analysis. */
export interface AnalysisState {
  frame: BarFrame | null;
  notice: string | null;
  error: string | null;
  result: AnalyzeResult | null;
}

/** Re-analyses when the source is ready, the timeframe changes or `revision` (settings saved) bumps. */
export function useAnalysis(
  source: DataSource | null,
  timeframe: Timeframe,
  revision: number,
): AnalysisState {
  const [state, setState] = useState<AnalysisState>({ frame: null, notice: null, error: null, result: null });
  useEffect(() => {
    if (!source) return;
    const abort = new AbortController();
    loadSettings()
      .then((s) =>
        compute.call(abort.signal, (api, id) =>
          api.analyze(
            {
              source,
              timeframe,
              filter: ALL_CONTRACTS,
              referenceSymbol: DEFAULT_REFERENCE,
              params: { spikes: s.spikes, levels: s.levels, oscillators: s.oscillators },
            },
            id,
          ),
        ),
      )
      .then((r) => {
        setState({ frame: r.frame, notice: r.notice, error: null, result: r });
        publishAnalysis(r);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted)
          setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e) }));
      });
    return () => abort.abort();
  }, [source, timeframe, revision]);
  return state;
}
