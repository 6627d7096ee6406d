/**
 * The chart controller once ChartView has created it, for the views that draw into it (markers, zones). Handed over
 * by subscription rather than App state: setting App state re-renders the whole shell, and on a cold start that
 * re-render sat between the chart's creation and its first drawn frame.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import type { ChartController } from './chart-controller';

type Listener = (controller: ChartController) => void;

/** Holds the latest chart controller and tells subscribers when it changes. */
export class ChartHub {
  private current: ChartController | null = null;
  private readonly listeners = new Set<Listener>();

  /** The latest controller, or null before the first chart. */
  get controller(): ChartController | null {
    return this.current;
  }

  /** Records a new controller and tells the subscribers at once. */
  set(controller: ChartController): void {
    this.current = controller;
    for (const listener of this.listeners) listener(controller);
  }

  /** Calls `listener` with each new controller; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The hub's controller as component state: only the component using it re-renders when it changes. */
export function useHubController(hub: ChartHub): ChartController | null {
  const [controller, setController] = useState(hub.controller);
  // A layout effect, so a controller set in the same task as this component's first render is not missed.
  useLayoutEffect(() => {
    if (hub.controller) setController(hub.controller);
    return hub.subscribe(setController);
  }, [hub]);
  return controller;
}
