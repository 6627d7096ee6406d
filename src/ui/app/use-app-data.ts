/**
 * Everything the shell shows about data, in one place: which database is on screen (demo, live archive, or an
 * imported archive), the status bar, the contract filter and the analysed frame. Alerts are not fed from here:
 * the leader tab's fetch worker evaluates them from the archive, whatever the page shows.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Timeframe } from '../../core/intervals';
import { ALL_CONTRACTS, type ContractFilter } from '../../core/market';
import { sharedDatabase } from '../../storage/connection';
import { ARCHIVE_DB } from '../../storage/open';
import type { DataSource } from '../../workers/compute/api';
import { type AnalysisState, useAnalysis } from '../analysis/use-analysis';
import { useLive } from '../data/use-live';
import type { StatusInfo } from '../status/StatusBar';
import { useDemoPreview } from './demo-preview';
import { probablyNoKey } from './key-hint';

/** True when the archive database holds any series (coverage record). */
async function archiveHasData(): Promise<boolean> {
  try {
    return (await (await sharedDatabase(ARCHIVE_DB)).count('coverage')) > 0;
  } catch {
    return false; // no archive (private mode, storage blocked): the demo it is
  }
}

/** What App renders from. */
export interface AppData extends AnalysisState {
  source: DataSource | null;
  status: StatusInfo;
  dataTick: number;
  filter: ContractFilter;
  setFilter: (filter: ContractFilter) => void;
  /** A CSV import committed: show the archive. */
  onImported: () => void;
  /** Settings were saved: re-analyse with the new parameters. */
  onSettingsSaved: () => void;
}

/**
 * Wires live data, imports, settings and analysis for the chart timeframe; `byExchange` adds the per-exchange
 * breakdown to the frame.
 */
export function useAppData(timeframe: Timeframe, byExchange = false): AppData {
  const { source, status, dataTick, mode } = useLive();
  const [filter, setFilter] = useState<ContractFilter>(ALL_CONTRACTS);
  const [imported, setImported] = useState(0);
  // Without a key, an archive that already holds imported data (an earlier session's import) is shown, not the demo.
  useEffect(() => {
    if (mode !== 'demo') return;
    let stale = false;
    void archiveHasData().then((has) => {
      if (has && !stale) setImported((n) => n || 1);
    });
    return () => {
      stale = true;
    };
  }, [mode]);
  const [settingsRevision, setSettingsRevision] = useState(0);
  // An import lands in the archive: show it even before a key is saved.
  const shown: DataSource | null = imported > 0 ? 'archive' : source;
  // The demo's "last update" says nothing about imported data, and nothing is fetched without a key.
  const shownStatus: StatusInfo =
    imported > 0 && status.source === 'Demo'
      ? {
          ...status,
          source: 'Offline',
          lastUpdate: null,
          message: 'Showing imported data; not fetching without an API key',
        }
      : status;
  const analysis = useAnalysis(shown, timeframe, filter, settingsRevision + imported + dataTick, byExchange);
  const demoMode = mode === 'demo' || (mode === 'deciding' && probablyNoKey());
  // Kept until the first analysed frame arrives, also when an earlier import switches startup to the archive: the
  // chart must not lose its frame in between (disposing it under the overlays throws in lightweight-charts).
  const preview = useDemoPreview(demoMode && analysis.frame === null, timeframe);

  return {
    ...analysis,
    frame: analysis.frame ?? preview,
    source: shown,
    status: shownStatus,
    dataTick,
    filter,
    setFilter,
    onImported: () => setImported((n) => n + 1),
    onSettingsSaved: () => setSettingsRevision((r) => r + 1),
  };
}
