/**
 * A modal dialog on the native <dialog> (showModal: the page behind is inert and the dialog sits in the top
 * layer). Escape closes it through `onClose`, Tab and Shift+Tab cycle inside it, and focus returns to the control
 * that opened it. On phones (CSS) it fills the screen.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/** Props of a modal. */
export interface ModalProps {
  /** Accessible name (the dialog's title). */
  label: string;
  onClose: () => void;
  class?: string;
  children?: ComponentChildren;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside `root`: from the last control to the first and back. */
function trapTab(e: KeyboardEvent, root: HTMLElement): void {
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const at = document.activeElement;
  if (e.shiftKey && (at === first || !root.contains(at))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (at === last || !root.contains(at))) {
    e.preventDefault();
    first.focus();
  }
}

/** Renders an open modal dialog. */
export function Modal({ label, onClose, class: cls, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // The opener may sit in a folded menu that is hidden now; then focus goes back to the page.
      if (opener?.isConnected && opener.offsetParent !== null) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={`modal ${cls ?? ''}`}
      aria-label={label}
      onCancel={(e) => {
        // Escape: the owner decides (it may need to cancel work first), then unmounts the dialog.
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Tab' && ref.current) trapTab(e, ref.current);
      }}
    >
      {children}
    </dialog>
  );
}
