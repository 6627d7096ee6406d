/** Browser notifications from the worker that queued the alert (dedicated workers may construct Notification). */

/** Shows a notification when the user has allowed them; silently does nothing otherwise. */
export function browserNotify(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag });
  } catch {
    // Some browsers allow notifications only from pages or service workers: the Telegram message still goes.
  }
}
