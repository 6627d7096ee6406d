/**
 * Collapsible side panel with tabs. A feature adds a tab to PANELS (levels, HTF, study, alert log…).
 * On narrow screens it becomes a bottom sheet.
 */
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import type { Timeframe } from '../../core/intervals';
import type { ContractFilter } from '../../core/market';
import type { BarFrame } from '../../core/series';
import type { DataSource } from '../../workers/compute/api';
import { AlertsPanel } from '../alerts/AlertsPanel';
import { HtfPanel } from './htf/HtfPanel';
import { LevelsPanel } from './LevelsPanel';
import { StudyPanel } from './study/StudyPanel';

/** Props every panel receives. */
export interface PanelProps {
  /** Moves the chart to a time (unix seconds), e.g. when a study row is clicked. */
  onJump: (time: number) => void;
  /** Switches the chart timeframe, e.g. when an HTF row is clicked. */
  onTimeframe: (timeframe: Timeframe) => void;
  /** The chart's timeframe, data source (null until ready) and frame (changes when data updates). */
  timeframe: Timeframe;
  source: DataSource | null;
  frame: BarFrame | null;
  /** The chart's contract filter: panels analyse the same contracts the chart shows. */
  filter: ContractFilter;
}

/** Registered panels, in tab order. */
export const PANELS: ReadonlyArray<{ id: string; title: string; component: ComponentType<PanelProps> }> = [
  { id: 'levels', title: 'Levels', component: LevelsPanel },
  { id: 'htf', title: 'HTF', component: HtfPanel },
  { id: 'study', title: 'Study', component: StudyPanel },
  { id: 'alerts', title: 'Alerts', component: AlertsPanel },
];

/** Renders the panel column, or nothing when closed or empty. */
export function SidePanel({ open, ...props }: { open: boolean } & PanelProps) {
  const [active, setActive] = useState(PANELS[0]?.id ?? '');
  const panel = PANELS.find((p) => p.id === active) ?? PANELS[0];
  if (!open || !panel) return null;
  const Active = panel.component;
  return (
    <aside class="side-panel" aria-label="Side panel">
      <div class="tabs" role="tablist">
        {PANELS.map((p) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            aria-selected={p.id === panel.id}
            onClick={() => setActive(p.id)}
          >
            {p.title}
          </button>
        ))}
      </div>
      <div class="panel-body" role="tabpanel">
        <Active {...props} />
      </div>
    </aside>
  );
}
