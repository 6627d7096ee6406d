/**
 * A table's scroll box: wide tables scroll sideways inside it (their first column stays put, see styles.css) so no
 * number is ever cut off. Focusable and named, so keyboard users can scroll it too.
 */
import type { ComponentChildren } from 'preact';

/** Props: the region's name and the table. */
export interface TableScrollProps {
  label: string;
  class?: string;
  children: ComponentChildren;
}

/** Renders the scroll box. */
export function TableScroll({ label, class: cls, children }: TableScrollProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll.
    <section class={`table-scroll ${cls ?? ''}`} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
