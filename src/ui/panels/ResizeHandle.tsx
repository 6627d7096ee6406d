/** The side panel's left edge: drag it (mouse, pen or touch) or focus it and use ← → to change the width. */
import { clampPanelWidth, PANEL_WIDTH } from '../app/layout-store';

/** Props: the current width and where to report a new one. */
export interface ResizeHandleProps {
  width: number;
  onWidth: (width: number) => void;
}

/** Renders the handle (a focusable separator, as ARIA describes a splitter). */
export function ResizeHandle({ width, onWidth }: ResizeHandleProps) {
  const start = (e: PointerEvent) => {
    const el = e.currentTarget as HTMLElement;
    const x0 = e.clientX;
    const w0 = width;
    el.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => onWidth(clampPanelWidth(w0 + (x0 - m.clientX)));
    const end = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', end);
      el.removeEventListener('pointercancel', end);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', end);
    el.addEventListener('pointercancel', end);
    e.preventDefault();
  };
  const key = (e: KeyboardEvent) => {
    const by = e.shiftKey ? 80 : 20;
    if (e.key === 'ArrowLeft') onWidth(clampPanelWidth(width + by));
    else if (e.key === 'ArrowRight') onWidth(clampPanelWidth(width - by));
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable splitter has no native element; ARIA's is separator.
    <div
      class="resize-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize panels"
      aria-valuemin={PANEL_WIDTH.min}
      aria-valuemax={PANEL_WIDTH.max}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={start}
      onKeyDown={key}
    />
  );
}
