/**
 * A value handed from the component that makes it to the views that use it, by subscription rather than through
 * their common parent's state: setting the parent's state re-renders the whole shell (and runs its pending passive
 * effects), which on a cold start sat between the demo's first frame and the chart that draws it.
 */
import { useLayoutEffect, useState } from 'preact/hooks';

type Listener<T> = (value: T) => void;

/** Holds the latest value and tells subscribers when it changes. */
export class LatestValue<T> {
  private current: T;
  private readonly listeners = new Set<Listener<T>>();

  constructor(initial: T) {
    this.current = initial;
  }

  /** The latest value. */
  get value(): T {
    return this.current;
  }

  /** Records a new value and tells the subscribers at once (nothing when it is the same value). */
  set(value: T): void {
    if (Object.is(value, this.current)) return;
    this.current = value;
    for (const listener of this.listeners) listener(value);
  }

  /** Calls `listener` with each new value; returns the unsubscribe function. */
  subscribe(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** `source`'s value as component state (`fallback` without a source): only the component using it re-renders. */
export function useLatestValue<T>(source: LatestValue<T> | undefined, fallback: T): T {
  const [value, setValue] = useState(() => (source ? source.value : fallback));
  // A layout effect, so a value set in the same task as this component's first render is not missed.
  useLayoutEffect(() => {
    if (!source) return;
    setValue(() => source.value);
    // Through an updater: the value may itself be a function.
    return source.subscribe((v) => setValue(() => v));
  }, [source]);
  return source ? value : fallback;
}
