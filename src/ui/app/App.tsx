/** The app shell: toolbar, chart, side panels, status bar; the data wiring lives in useAppData. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { TOOLBAR_TIMEFRAMES } from '../../core/intervals';
import { useAlerts } from '../alerts/use-alerts';
import { AnalysisOverlay } from '../analysis/AnalysisOverlay';
import { ChartView, chartKey } from '../chart/ChartView';
import type { ChartController } from '../chart/chart-controller';
import { CsvControls } from '../csv/CsvControls';
import { ContractFilterSelect } from '../data/ContractFilterSelect';
import { SidePanel } from '../panels/SidePanel';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { SettingsDialog } from '../settings/SettingsDialog';
import { StatusBar } from '../status/StatusBar';
import { Toolbar } from '../toolbar/Toolbar';
import { type Layout, loadLayout, saveLayout } from './layout-store';
import { useAppData } from './use-app-data';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** Root component. */
export function App() {
  const [layout, setLayout] = useState<Layout>(loadLayout);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const chart = useRef<ChartController | null>(null);
  const [controller, setController] = useState<ChartController | null>(null);
  const data = useAppData(layout.timeframe);
  const update = (patch: Partial<Layout>) => setLayout((l) => ({ ...l, ...patch }));
  useAlerts(chart, data.frame, layout.timeframe, (timeframe) => update({ timeframe }));

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
        <ContractFilterSelect
          value={data.filter}
          onChange={data.setFilter}
          refresh={data.dataTick > 0 ? 1 : 0}
        />
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
          source={data.source}
          timeframe={layout.timeframe}
          filter={data.filter}
          onImported={data.onImported}
        />
      </Toolbar>
      <AnalysisOverlay controller={controller} result={data.result} />
      <main class="workspace">
        <ChartView
          frame={data.frame}
          notice={data.error ?? data.notice}
          theme={layout.theme}
          onReady={(c) => {
            chart.current = c;
            setController(c);
          }}
        />
        <SidePanel
          open={layout.sidePanelOpen}
          onJump={(t) => chart.current?.jumpTo(t)}
          onTimeframe={(timeframe) => update({ timeframe })}
          timeframe={layout.timeframe}
          source={data.source}
          frame={data.frame}
          filter={data.filter}
        />
      </main>
      <StatusBar info={data.status} />
      <SettingsDialog
        open={settingsOpen}
        onClose={(saved) => {
          setSettingsOpen(false);
          if (saved) data.onSettingsSaved();
        }}
      />
      <UpdatePrompt />
    </div>
  );
}
