/** The app shell: toolbar, chart, status bar; wires the workers to the views. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { TOOLBAR_TIMEFRAMES } from '../../core/intervals';
import { ALL_CONTRACTS, type ContractFilter } from '../../core/market';
import { useAlerts } from '../alerts/use-alerts';
import { ChartView, chartKey } from '../chart/ChartView';
import type { ChartController } from '../chart/chart-controller';
import { CsvControls } from '../csv/CsvControls';
import { ContractFilterSelect } from '../data/ContractFilterSelect';
import { useLive } from '../data/use-live';
import { useLiveBars } from '../data/use-live-bars';
import { SidePanel } from '../panels/SidePanel';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { SettingsDialog } from '../settings/SettingsDialog';
import { StatusBar } from '../status/StatusBar';
import { Toolbar } from '../toolbar/Toolbar';
import { type Layout, loadLayout, saveLayout } from './layout-store';
import { useFrame } from './use-frame';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** Root component. */
export function App() {
  const [layout, setLayout] = useState<Layout>(loadLayout);
  const { source, status, dataTick } = useLive();
  const [filter, setFilter] = useState<ContractFilter>(ALL_CONTRACTS);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const chart = useRef<ChartController | null>(null);
  // A CSV import lands in the archive: show it even before a key is saved.
  const [imported, setImported] = useState(0);
  const shown = imported > 0 ? 'archive' : source;
  const shownStatus =
    imported > 0 && status.source === 'Demo'
      ? {
          ...status,
          source: 'Offline' as const,
          message: 'Showing imported data; not fetching without an API key',
        }
      : status;
  const revision = useLiveBars(shown, layout.timeframe, filter, dataTick, chart);
  const { frame, notice, error } = useFrame(shown, layout.timeframe, revision + imported, filter);
  useAlerts(chart, frame, layout.timeframe, (timeframe) => update({ timeframe }));

  const update = (patch: Partial<Layout>) => setLayout((l) => ({ ...l, ...patch }));
  useEffect(() => saveLayout(layout), [layout]);
  useEffect(() => {
    document.documentElement.dataset.theme = layout.theme;
  }, [layout.theme]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      if (e.altKey && /^[1-6]$/.test(e.key)) {
        const tf = TOOLBAR_TIMEFRAMES[Number(e.key) - 1];
        if (tf) update({ timeframe: tf });
        e.preventDefault();
      } else if (!e.altKey && !e.ctrlKey && !e.metaKey && chartKey(chart.current, e.key)) {
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="app">
      <Toolbar
        timeframe={layout.timeframe}
        onTimeframe={(timeframe) => update({ timeframe })}
        theme={layout.theme}
        onTheme={(theme) => update({ theme })}
      >
        <ContractFilterSelect value={filter} onChange={setFilter} refresh={dataTick > 0 ? 1 : 0} />
        <button
          type="button"
          aria-pressed={layout.sidePanelOpen}
          onClick={() => update({ sidePanelOpen: !layout.sidePanelOpen })}
        >
          Panels
        </button>
        <button type="button" onClick={() => setSettingsOpen(true)}>
          Settings
        </button>
        <CsvControls
          source={shown}
          timeframe={layout.timeframe}
          filter={filter}
          onImported={() => setImported((n) => n + 1)}
        />
      </Toolbar>
      <main class="workspace">
        <ChartView
          frame={frame}
          notice={error ?? notice}
          theme={layout.theme}
          onReady={(c) => (chart.current = c)}
        />
        <SidePanel
          open={layout.sidePanelOpen}
          onJump={(t) => chart.current?.jumpTo(t)}
          onTimeframe={(timeframe) => update({ timeframe })}
          timeframe={layout.timeframe}
          source={shown}
          frame={frame}
        />
      </main>
      <StatusBar info={shownStatus} />
      <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <UpdatePrompt />
    </div>
  );
}
