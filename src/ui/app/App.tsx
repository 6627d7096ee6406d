/** The app shell: toolbar, chart, side panels, status bar; the data wiring lives in useAppData. */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { frameLayers } from '../../core/exchange-stack';
import { isFinerDataNotice } from '../../core/frame-notice';
import { TOOLBAR_TIMEFRAMES } from '../../core/intervals';
import { ALL_CONTRACTS } from '../../core/market';
import type { BarFrame } from '../../core/series';
import { AnalysisOverlay, type AnalysisOverlayProps } from '../analysis/AnalysisOverlay';
import { ChartView, chartKey } from '../chart/ChartView';
import type { ChartController } from '../chart/chart-controller';
import { ChartHub, useHubController } from '../chart/chart-hub';
import { CONTEXT_CHOICES, isContextChoice } from '../chart/context-choice';
import { legendItems } from '../chart/Legend';
import { CHART_THEMES } from '../chart/theme';
import { LatestValue, useLatestValue } from '../common/latest-value';
import { lazyComponent, prefetchLazy } from '../common/lazy';
import { useCsvControls } from '../csv/CsvControls';
import { useAssetList } from '../data/asset-list';
import { ContractFilterSelect } from '../data/ContractFilterSelect';
import { useStoredExchanges } from '../data/exchange-names';
import { SidePanel } from '../panels/SidePanel';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { shareTexts } from '../share/share-text';
import { useShare } from '../share/use-share';
import { BackfillCard } from '../status/BackfillCard';
import { StatusBar } from '../status/StatusBar';
import { useBackfillDetail } from '../status/use-backfill';
import { AssetPicker } from '../toolbar/AssetPicker';
import { Toolbar } from '../toolbar/Toolbar';
import { AssetEmpty } from './AssetEmpty';
import { demoFirstScreen, previewOverlay } from './demo-preview';
import { useDocumentTitle } from './document-title';
import { afterFirstChart } from './first-chart';
import { IntroStrip } from './IntroStrip';
import { type Layout, loadLayout, saveLayout } from './layout-store';
import { START_VIEW, shareUrl, startTarget, useViewInAddressBar, withStartView } from './shared-view';
import { useAppData } from './use-app-data';

const SettingsDialog = lazyComponent(() =>
  import('../settings/SettingsDialog').then((m) => m.SettingsDialog),
);

/** Keys a focused control uses itself (typing, arrows in selects, tabs and the panel splitter). */
function ownsKeys(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) ||
      /^(tab|separator|slider)$/.test(target.getAttribute('role') ?? ''))
  );
}

/**
 * The analysis bar and chart layers, given the chart by `hub` and the demo's first frame by `early`: when either
 * arrives, only this re-renders. Until the analysis arrives, a demo frame brings its precomputed markers and zones.
 */
function ChartOverlay({
  hub,
  early,
  frame: given,
  result,
  children,
}: Omit<AnalysisOverlayProps, 'controller' | 'preview'> & {
  hub: ChartHub;
  early: LatestValue<BarFrame | null>;
  frame: BarFrame | null;
}) {
  const earlyFrame = useLatestValue(early, null);
  const frame = given ?? earlyFrame;
  const preview = useMemo(() => {
    const overlay = result ? null : previewOverlay(frame);
    return overlay && frame ? { frame, ...overlay } : null;
  }, [result, frame]);
  return (
    <AnalysisOverlay controller={useHubController(hub)} result={result} preview={preview}>
      {children}
    </AnalysisOverlay>
  );
}

/** Root component. */
export function App() {
  const [layout, setLayout] = useState<Layout>(() => withStartView(loadLayout()));
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [studyRequest, setStudyRequest] = useState(0);
  const chart = useRef<ChartController | null>(null);
  const panelsButton = useRef<HTMLButtonElement>(null);
  const [controller, setController] = useState<ChartController | null>(null);
  const [hub] = useState(() => new ChartHub());
  const [early] = useState(() => new LatestValue<BarFrame | null>(null));
  const stacked = layout.histogram === 'exchanges';
  const asset = layout.asset;
  const data = useAppData(asset, layout.timeframe, stacked, early);
  const exchanges = useStoredExchanges(asset, data.source, data.dataTick > 0 ? 1 : 0);
  const assets = useAssetList();
  const stack = useMemo(
    () =>
      stacked
        ? {
            names: new Map(exchanges.map((e) => [e.code, e.name])),
            colours: CHART_THEMES[layout.theme].exchanges,
          }
        : null,
    [stacked, exchanges, layout.theme],
  );
  const backfill = useBackfillDetail();
  const update = (patch: Partial<Layout>) => setLayout((l) => ({ ...l, ...patch }));
  useViewInAddressBar(layout, data.filter, controller);
  useDocumentTitle(asset);

  // In the commit that changes it, not after the next frame (a passive effect, held until the first chart): a
  // reload or a closed tab right after a change (dismissing the intro strip, then reloading) must not lose it.
  useLayoutEffect(() => saveLayout(layout), [layout]);
  useEffect(() => {
    document.documentElement.dataset.theme = layout.theme;
  }, [layout.theme]);
  useEffect(() => {
    if (START_VIEW.contracts) data.setFilter(START_VIEW.contracts);
    // Dialogs and panels once the chart is up, so the first one opens at once (and works offline).
    void afterFirstChart().then(() => setTimeout(prefetchLazy, 2000));
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || ownsKeys(e.target)) return;
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

  // Nothing stored for the asset on screen (its analysis came back without bars): say why, no demo instead. Not when
  // the timeframe is finer than what is stored: the chart's notice says that, and a box saying "no data yet" over it
  // would be wrong.
  const noBars = data.result !== null && data.result.frame.candles.close.length === 0;
  const empty = noBars && !isFinerDataNotice(data.notice ?? null);
  const osc = data.result?.analysis.oscillators;
  const edge = useMemo(() => (osc ? { long: osc.edgeLong, short: osc.edgeShort } : null), [osc]);
  const contextValues = data.result?.context ?? null;
  const context = useMemo(
    () => (layout.context === 'off' ? null : { values: contextValues, choice: layout.context }),
    [contextValues, layout.context],
  );
  // Where spikes are scored in bp of open interest, the legend shows each bar's bp value beside its USD.
  const scoreOi = data.result?.scoreBasis === 'bpOfOi' ? data.result.context.oiOpen : null;
  // Switched off, the panes must still go: the chart view draws 'off' too.
  const chartContext = context ?? { values: null, choice: 'off' as const };
  const csv = useCsvControls({
    source: data.source,
    asset,
    timeframe: layout.timeframe,
    filter: data.filter,
    onImported: data.onImported,
    onShowAsset: (a) => update({ asset: a }),
  });
  const share = useShare({
    chart: controller,
    theme: layout.theme,
    link: () => shareUrl(layout, data.filter, chart.current),
    legend: () => {
      const c = chart.current;
      const view = c?.currentView();
      const f = c?.currentFrame ?? null;
      const last = f && view ? Math.floor((view.time + (view.bars / 2) * f.step - f.start) / f.step) : null;
      const n = f?.candles.close.length ?? 0;
      const layers = stack && f ? { layers: frameLayers(f), legend: stack } : null;
      const ctx =
        context?.values && f
          ? { values: context.values, choice: context.choice, colours: CHART_THEMES[layout.theme].context }
          : null;
      const i = last === null ? null : Math.max(0, Math.min(n - 1, last));
      return legendItems(f, i, edge, layers, ctx, scoreOi);
    },
    timeframe: layout.timeframe,
    asset,
    ...shareTexts(asset, data.status, data.filter, layout.timeframe),
  });
  const openStudy = () => {
    update({ sidePanelOpen: true, panel: 'study' });
    setStudyRequest((n) => n + 1);
  };

  return (
    <div class="app">
      <Toolbar
        asset={asset}
        timeframe={layout.timeframe}
        onTimeframe={(timeframe) => update({ timeframe })}
        theme={layout.theme}
        onTheme={(theme) => update({ theme })}
      >
        <AssetPicker asset={asset} assets={assets} onChange={(a) => update({ asset: a })} />
        <ContractFilterSelect value={data.filter} onChange={data.setFilter} exchanges={exchanges} />
        <button
          type="button"
          ref={panelsButton}
          aria-pressed={layout.sidePanelOpen}
          onClick={() => update({ sidePanelOpen: !layout.sidePanelOpen })}
        >
          Panels
        </button>
        <button type="button" onClick={() => setSettingsOpen(true)}>
          Settings
        </button>
        {csv.buttons}
        {share.buttons}
      </Toolbar>
      <div class="workspace">
        <main class="main">
          {!layout.introDismissed && (
            <IntroStrip onStudy={openStudy} onDismiss={() => update({ introDismissed: true })} />
          )}
          <ChartOverlay hub={hub} early={early} frame={data.frame} result={data.result}>
            <label title="Stack each exchange's long and short liquidations in the histogram">
              Histogram{' '}
              <select
                value={layout.histogram}
                aria-label="Histogram"
                onChange={(e) =>
                  update({ histogram: e.currentTarget.value === 'exchanges' ? 'exchanges' : 'total' })
                }
              >
                <option value="total">Longs / shorts</option>
                <option value="exchanges">By exchange</option>
              </select>
            </label>
            <label title="Open interest (USD, summed over the contract filter) and funding (weighted by open interest) in panes under the chart">
              Market context{' '}
              <select
                value={layout.context}
                aria-label="Market context"
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  if (isContextChoice(v)) update({ context: v });
                }}
              >
                {Object.entries(CONTEXT_CHOICES).map(([k, title]) => (
                  <option key={k} value={k}>
                    {title}
                  </option>
                ))}
              </select>
            </label>
          </ChartOverlay>
          <ChartView
            asset={asset}
            frame={data.frame}
            early={early}
            notice={data.error ?? (empty ? null : data.notice)}
            theme={layout.theme}
            initialView={(frame) => startTarget(demoFirstScreen(frame.step))}
            edge={edge}
            stack={stack}
            context={chartContext}
            oiOpen={scoreOi}
            onReady={(c) => {
              chart.current = c;
              // The markers and zones go into the chart's first frame; the rest of the shell (share buttons, the
              // address bar) takes the chart after that frame, so no whole-shell re-render delays it.
              hub.set(c);
              void afterFirstChart().then(() => setController(c));
            }}
          >
            {empty && (
              <AssetEmpty
                asset={asset}
                mode={data.mode}
                live={data.liveAssets.includes(asset)}
                keyRejected={data.status.keyRejected === true}
                filter={data.filter}
                onSettings={() => setSettingsOpen(true)}
                onAllContracts={() => data.setFilter(ALL_CONTRACTS)}
              />
            )}
          </ChartView>
          <BackfillCard detail={backfill} />
        </main>
        <SidePanel
          open={layout.sidePanelOpen}
          active={layout.panel}
          onActive={(panel) => update({ panel })}
          onClose={() => {
            update({ sidePanelOpen: false });
            // The panel's content is gone: focus goes back to the button that opens it.
            panelsButton.current?.focus();
          }}
          width={layout.panelWidth}
          onWidth={(panelWidth) => update({ panelWidth })}
          onJump={(t) => chart.current?.jumpTo(t)}
          onTimeframe={(timeframe) => update({ timeframe })}
          timeframe={layout.timeframe}
          source={data.source}
          asset={asset}
          frame={data.frame}
          filter={data.filter}
          studyRequest={studyRequest}
        />
      </div>
      <StatusBar asset={asset} info={data.status} completeAt={backfill?.completeAt ?? null} />
      {csv.dialogs}
      {share.toast}
      {settingsOpen && (
        <SettingsDialog
          open
          asset={asset}
          onClose={(saved) => {
            setSettingsOpen(false);
            if (saved) data.onSettingsSaved();
          }}
        />
      )}
      <UpdatePrompt />
    </div>
  );
}
