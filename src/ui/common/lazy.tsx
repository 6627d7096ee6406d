/**
 * Components loaded on first use: dialogs and panels are not needed for the first chart, so they stay out of the
 * entry script (which the first paint waits for) and arrive as their own chunks. `prefetchLazy` warms them once
 * the chart is up, so opening one is instant; the service worker keeps them for offline use.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const loaders: Array<() => Promise<unknown>> = [];

/** A component that renders nothing until `load` has brought the real one, then renders it. */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const start = () => {
    pending ??= load().then((c) => {
      loaded = c;
      return c;
    });
    return pending;
  };
  loaders.push(start);
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (Component) return;
      let live = true;
      void start().then((c) => live && setComponent(() => c));
      return () => {
        live = false;
      };
    }, []);
    return Component ? <Component {...props} /> : null;
  };
}

/** Starts loading every lazy component (call when the page is idle). */
export function prefetchLazy(): void {
  for (const start of loaders)
    void start().catch(() => {
      // Loaded again on first use; a failure then is shown where it happens.
    });
}
