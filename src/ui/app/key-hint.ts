/** A localStorage hint of whether a Coinalyze key is saved, readable before IndexedDB opens. */

const KEY_HINT = 'liqlab:has-key';

/** Records whether a key is saved, so the next start can paint the demo before settings are read. */
export function rememberKeyPresence(hasKey: boolean): void {
  try {
    localStorage.setItem(KEY_HINT, hasKey ? '1' : '0');
  } catch {
    // Storage disabled: the next start simply waits for the settings.
  }
}

/** Before settings are read: true unless the last start saw a key (a first visit cannot have one). */
export function probablyNoKey(): boolean {
  try {
    return localStorage.getItem(KEY_HINT) !== '1';
  } catch {
    return false;
  }
}
