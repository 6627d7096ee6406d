/**
 * Everything the shell shows about data, in one place: which database is on screen (demo, live archive, or an
 * imported archive), the status bar, the contract filter and the analysed frame. Alerts are not fed from here:
 * the leader tab's fetch worker evaluates them from the archive, whatever the page shows.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_ASSET } from '../../core/assets';
import type { Timeframe } from '../../core/intervals';
import { ALL_CONTRACTS, type ContractFilter } from '../../core/market';
import type { BarFrame } from '../../core/series';
import { sharedDatabase } from '../../storage/connection';
import { ARCHIVE_DB } from '../../storage/db-names';
import type { DataSource } from '../../workers/compute/api';
import { type AnalysisState, useAnalysis } from '../analysis/use-analysis';
import type { LatestValue } from '../common/latest-value';
import { useLive } from '../data/use-live';
import { loadSettings } from '../settings/settings-store';
import type { StatusInfo } from '../status/StatusBar';
import { useDemoPreview } from './demo-preview';
import { afterFirstChart } from './first-chart';
import { probablyNoKey } from './key-hint';
import { shownStatus } from './shown-status';

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
  /** 'demo' while no key is saved, 'live' with one ('deciding' before the settings are read). */
  mode: 'deciding' | 'demo' | 'live';
  /** The assets kept Live (settings), for the empty state. */
  liveAssets: readonly string[];
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
 * Wires live data, imports, settings and analysis for the asset and chart timeframe on screen; `byExchange` adds
 * the per-exchange breakdown to the frame. Each asset keeps its own contract filter while the page is open. The
 * demo's first frame goes to `early` until the first chart is drawn (see useDemoPreview).
 */
export function useAppData(
  asset: string,
  timeframe: Timeframe,
  byExchange = false,
  early?: LatestValue<BarFrame | null>,
): AppData {
  const { source, status, dataTick, mode } = useLive();
  const [filters, setFilters] = useState<Readonly<Record<string, ContractFilter>>>({});
  const filter = filters[asset] ?? ALL_CONTRACTS;
  const setFilter = (f: ContractFilter) => setFilters((all) => ({ ...all, [asset]: f }));
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
  const [liveAssets, setLiveAssets] = useState<readonly string[]>([]);
  useEffect(() => {
    let stale = false;
    // Only the empty state of another asset reads these: on a first visit, opening the database (creating it and
    // running every migration) waits for the first chart rather than competing with it.
    void (mode === 'deciding' && probablyNoKey() ? afterFirstChart() : Promise.resolve())
      .then(loadSettings)
      .then(
        (s) => stale || setLiveAssets(s.assets.live),
        () => undefined,
      );
    return () => {
      stale = true;
    };
  }, [mode, settingsRevision]);
  // An import lands in the archive: show it even before a key is saved.
  const shown: DataSource | null = imported > 0 ? 'archive' : source;
  const statusOnScreen = shownStatus(status, { imported, asset, liveAssets });
  const analysis = useAnalysis(
    shown,
    asset,
    timeframe,
    filter,
    settingsRevision + imported + dataTick,
    byExchange,
  );
  // The demo is BTC's: another asset shows its own (empty) archive, never BTC's demo under its name.
  const demoMode = asset === DEFAULT_ASSET && (mode === 'demo' || (mode === 'deciding' && probablyNoKey()));
  // Kept until the first analysed frame arrives, also when an earlier import switches startup to the archive: the
  // chart must not lose its frame in between (disposing it under the overlays throws in lightweight-charts).
  const preview = useDemoPreview(demoMode && analysis.frame === null, timeframe, early);

  // Between the preview and the first analysed frame of another asset, the chart keeps what it shows: a frame
  // going null disposes the chart under its overlays.
  const kept = useRef<BarFrame | null>(null);
  const frame = analysis.frame ?? preview ?? kept.current;
  kept.current = frame;
  return {
    ...analysis,
    frame,
    source: shown,
    mode,
    liveAssets,
    status: statusOnScreen,
    dataTick,
    filter,
    setFilter,
    onImported: () => setImported((n) => n + 1),
    onSettingsSaved: () => setSettingsRevision((r) => r + 1),
  };
}
