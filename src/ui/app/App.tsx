/** The app shell: toolbar, chart, status bar; wires the workers to the views. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { TOOLBAR_TIMEFRAMES } from '../../core/intervals';
import type { DataSource } from '../../workers/compute/api';
import { AnalysisOverlay } from '../analysis/AnalysisOverlay';
import { useAnalysis } from '../analysis/use-analysis';
import { ChartView, chartKey } from '../chart/ChartView';
import type { ChartController } from '../chart/chart-controller';
import { SidePanel } from '../panels/SidePanel';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { SettingsDialog } from '../settings/SettingsDialog';
import { StatusBar, type StatusInfo } from '../status/StatusBar';
import { Toolbar } from '../toolbar/Toolbar';
import { type Layout, loadLayout, saveLayout } from './layout-store';
import { DEMO_ASSET_URL, fetcher } from './services';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** Root component. */
export function App() {
  const [layout, setLayout] = useState<Layout>(loadLayout);
  const [source, setSource] = useState<DataSource | null>(null);
  const [status, setStatus] = useState<StatusInfo>({
    source: 'Demo',
    lastUpdate: null,
    callsUsed: 0,
    callsBudget: 40,
    backfill: null,
  });
  const [settingsOpen, setSettingsOpen] = useState(false);
  const chart = useRef<ChartController | null>(null);
  const [controller, setController] = useState<ChartController | null>(null);
  const [settingsRevision, setSettingsRevision] = useState(0);
  const { frame, notice, error, result } = useAnalysis(source, layout.timeframe, settingsRevision);

  const update = (patch: Partial<Layout>) => setLayout((l) => ({ ...l, ...patch }));
  useEffect(() => saveLayout(layout), [layout]);
  useEffect(() => {
    document.documentElement.dataset.theme = layout.theme;
  }, [layout.theme]);

  useEffect(() => {
    fetcher.api
      .ensureDemo(DEMO_ASSET_URL)
      .then((demo) => {
        setSource('demo');
        setStatus((s) => ({ ...s, source: 'Demo', lastUpdate: demo.lastTime + 3600 }));
      })
      .catch((e: unknown) => setStatus((s) => ({ ...s, message: `Demo data failed to load: ${String(e)}` })));
  }, []);

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
      </Toolbar>
      <AnalysisOverlay controller={controller} result={result} />
      <main class="workspace">
        <ChartView
          frame={frame}
          notice={error ?? notice}
          theme={layout.theme}
          onReady={(c) => {
            chart.current = c;
            setController(c);
          }}
        />
        <SidePanel open={layout.sidePanelOpen} onJump={(t) => chart.current?.jumpTo(t)} />
      </main>
      <StatusBar info={status} />
      <SettingsDialog
        open={settingsOpen}
        onClose={(saved) => {
          setSettingsOpen(false);
          if (saved) setSettingsRevision((r) => r + 1);
        }}
      />
      <UpdatePrompt />
    </div>
  );
}
