/** Loads frame + analysis from the compute worker with the saved parameters. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Timeframe } from '../../core/intervals';
import { type ContractFilter, filterKey } from '../../core/market';
import type { BarFrame } from '../../core/series';
import type { AnalyzeResult, DataSource } from '../../workers/compute/api';
import { compute, referenceFor } from '../app/services';
import { forgetChanges, takeChanges } from '../data/change-log';
import { quietMode } from '../data/quiet-mode';
import { loadSettings } from '../settings/settings-store';
import { publishAnalysis } from './analysis-store';

/** Chart state plus the analysis. */
export interface AnalysisState {
  frame: BarFrame | null;
  notice: string | null;
  error: string | null;
  result: AnalyzeResult | null;
}

/**
 * Re-analyses when the source is ready, the timeframe or filter changes, or `revision` bumps (settings saved, new
 * live data, an import). Each call hands the worker the changes stored since the previous call (change-log), so
 * a live update re-reads only the changed tail. A change of request aborts the running call (the compute worker
 * is terminated, which really stops the work); a mere revision bump lets it finish and ignores its result, so the
 * worker keeps the incremental state that makes live updates cheap.
 */
export function useAnalysis(
  source: DataSource | null,
  asset: string,
  timeframe: Timeframe,
  filter: ContractFilter,
  revision: number,
  byExchange = false,
): AnalysisState {
  const [state, setState] = useState<AnalysisState>({ frame: null, notice: null, error: null, result: null });
  const requestKey = `${source}|${asset}|${timeframe}|${filterKey(filter)}|${byExchange}`;
  const current = useRef(requestKey);
  current.current = requestKey;
  useEffect(() => {
    if (!source) return;
    const abort = new AbortController();
    let stale = false;
    loadSettings()
      .then((s) =>
        compute.call(abort.signal, (api, id) => {
          performance.mark('liqlab:analysis-request');
          return api.analyze(
            {
              source,
              asset,
              timeframe,
              filter,
              referenceSymbol: referenceFor(source, s, asset),
              byExchange,
              params: { spikes: s.spikes, levels: s.levels, oscillators: s.oscillators },
              // Taken as the request leaves, so no change is lost between the notice and the call.
              changes: quietMode ? takeChanges(source) : null,
            },
            id,
          );
        }),
      )
      .then((r) => {
        if (stale) return;
        performance.mark('liqlab:analysis-frame');
        setState({ frame: r.frame, notice: r.notice, error: null, result: r });
        publishAnalysis(r);
      })
      .catch((e: unknown) => {
        // Whether the worker saw this call's changes is unknown now: the next call re-reads everything.
        forgetChanges(source);
        if (!stale && !abort.signal.aborted)
          setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e) }));
      });
    return () => {
      stale = true;
      if (current.current !== requestKey) abort.abort();
    };
  }, [requestKey, revision]);
  return state;
}
