/**
 * Collapsible side panel with tabs. A feature adds a tab to PANELS (levels, HTF, study, alert log…).
 * On narrow screens it becomes a bottom sheet.
 */
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { LevelsPanel } from './LevelsPanel';

/** Props every panel receives. */
export interface PanelProps {
  /** Moves the chart to a time (unix seconds), e.g. when a study row is clicked. */
  onJump: (time: number) => void;
}

/** Registered panels, in tab order. */
export const PANELS: ReadonlyArray<{ id: string; title: string; component: ComponentType<PanelProps> }> = [
  { id: 'levels', title: 'Levels', component: LevelsPanel },
];

/** Renders the panel column, or nothing when closed or empty. */
export function SidePanel({ open, onJump }: { open: boolean; onJump: (time: number) => void }) {
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
        <Active onJump={onJump} />
      </div>
    </aside>
  );
}
