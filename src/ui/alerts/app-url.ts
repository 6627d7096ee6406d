/** The app's own URL (origin + base path): the target of alert deep links. */

/** Absolute URL of the app root, e.g. `https://liqlab.example/`. */
export function appUrl(): string {
  return new URL(import.meta.env.BASE_URL, location.origin).href;
}
