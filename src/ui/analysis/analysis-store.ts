/** The latest analysis result shared between the chart overlays and the Levels panel (a tiny observable). */
import { useEffect, useState } from 'preact/hooks';
import type { AnalyzeResult } from '../../workers/compute/api';

type Listener = (r: AnalyzeResult | null) => void;
let current: AnalyzeResult | null = null;
const listeners = new Set<Listener>();

/** Publishes a new result to every subscriber. */
export function publishAnalysis(r: AnalyzeResult | null): void {
  current = r;
  for (const l of listeners) l(r);
}

/** The current result, re-rendering when it changes. */
export function useAnalysisResult(): AnalyzeResult | null {
  const [r, setR] = useState(current);
  useEffect(() => {
    listeners.add(setR);
    return () => {
      listeners.delete(setR);
    };
  }, []);
  return r;
}
