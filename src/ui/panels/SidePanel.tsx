/**
 * The side panel with tabs. A feature adds a tab to PANELS (levels, HTF, study, alert log…). Its width is
 * dragged (or set with the arrow keys) on its left edge and remembered with the layout; below 900 px it is a
 * bottom sheet over the chart.
 */
import type { ComponentType } from 'preact';
import { useRef } from 'preact/hooks';
import type { Timeframe } from '../../core/intervals';
import type { ContractFilter } from '../../core/market';
import type { BarFrame } from '../../core/series';
import type { PanelId } from '../../core/view-url';
import type { DataSource } from '../../workers/compute/api';
import { lazyComponent } from '../common/lazy';
import { ResizeHandle } from './ResizeHandle';

// Panels load on first use (src/ui/common/lazy.tsx): none is needed for the first chart.
const LevelsPanel = lazyComponent(() => import('./LevelsPanel').then((m) => m.LevelsPanel));
const HtfPanel = lazyComponent(() => import('./htf/HtfPanel').then((m) => m.HtfPanel));
const StudyPanel = lazyComponent(() => import('./study/StudyPanel').then((m) => m.StudyPanel));
const AlertsPanel = lazyComponent(() => import('../alerts/AlertsPanel').then((m) => m.AlertsPanel));

/** Props every panel receives. */
export interface PanelProps {
  /** Moves the chart to a time (unix seconds), e.g. when a study row is clicked. */
  onJump: (time: number) => void;
  /** Switches the chart timeframe, e.g. when an HTF row is clicked. */
  onTimeframe: (timeframe: Timeframe) => void;
  /** The chart's timeframe, data source (null until ready) and frame (changes when data updates). */
  timeframe: Timeframe;
  source: DataSource | null;
  /** The base asset on screen. */
  asset: string;
  frame: BarFrame | null;
  /** The chart's contract filter: panels analyse the same contracts the chart shows. */
  filter: ContractFilter;
  /** Bumped when the user asks for the study from elsewhere (the intro strip): the study panel runs it. */
  studyRequest: number;
}

/** Registered panels, in tab order. */
export const PANELS: ReadonlyArray<{ id: PanelId; title: string; component: ComponentType<PanelProps> }> = [
  { id: 'levels', title: 'Levels', component: LevelsPanel },
  { id: 'htf', title: 'HTF', component: HtfPanel },
  { id: 'study', title: 'Study', component: StudyPanel },
  { id: 'alerts', title: 'Alerts', component: AlertsPanel },
];

/** Props of the panel column. */
export interface SidePanelProps extends PanelProps {
  open: boolean;
  active: PanelId;
  onActive: (id: PanelId) => void;
  onClose: () => void;
  width: number;
  onWidth: (width: number) => void;
}

/** Renders the panel column, or nothing when closed. */
export function SidePanel({ open, active, onActive, onClose, width, onWidth, ...props }: SidePanelProps) {
  // Tabs stay mounted once visited, so switching tabs keeps a computed study (closing the panel drops them).
  const visited = useRef(new Set<PanelId>());
  if (open) visited.current.add(active);
  else visited.current.clear();
  const panel = PANELS.find((p) => p.id === active) ?? PANELS[0];
  if (!open || !panel) return null;
  const move = (e: KeyboardEvent, k: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? PANELS.length - 1 : k + step;
    const next = PANELS[(to + PANELS.length) % PANELS.length];
    if ((step === 0 && e.key !== 'Home' && e.key !== 'End') || !next) return;
    e.preventDefault();
    onActive(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  // Escape anywhere in the panel closes it, as it closes dialogs and the More menu (unless a control inside used it).
  const closeOnEscape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    onClose();
  };
  return (
    <aside
      class="side-panel"
      aria-label="Panels"
      style={{ '--panel-width': `${width}px` }}
      onKeyDown={closeOnEscape}
    >
      <ResizeHandle width={width} onWidth={onWidth} />
      <div class="panel-head">
        <div class="tabs" role="tablist" aria-label="Panel">
          {PANELS.map((p, k) => (
            <button
              key={p.id}
              id={`tab-${p.id}`}
              type="button"
              role="tab"
              aria-selected={p.id === panel.id}
              aria-controls={`panel-${p.id}`}
              tabIndex={p.id === panel.id ? 0 : -1}
              onClick={() => onActive(p.id)}
              onKeyDown={(e) => move(e, k)}
            >
              {p.title}
            </button>
          ))}
        </div>
        <button type="button" class="panel-close" aria-label="Close panels" onClick={onClose}>
          ×
        </button>
      </div>
      {PANELS.filter((p) => visited.current.has(p.id)).map(({ id, component: Panel }) => (
        <div
          key={id}
          id={`panel-${id}`}
          class="panel-body"
          role="tabpanel"
          aria-labelledby={`tab-${id}`}
          hidden={id !== panel.id}
        >
          <Panel {...props} />
        </div>
      ))}
    </aside>
  );
}
