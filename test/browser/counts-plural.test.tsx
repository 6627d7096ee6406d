import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { AnalysisOverlay } from '../../src/ui/analysis/AnalysisOverlay';
import type { AnalyzeResult } from '../../src/workers/compute/api';
import { renderHosts } from './helpers/hosts';

describe('analysis counts', () => {
  const newHost = renderHosts();

  it('one level, one event: "1 spike event · 1 level active at the last bar", not "1 active levels"', async () => {
    const result = {
      analysis: {
        detection: {
          events: [{ id: 'e' }],
          window: 500,
          expectedFalseAlarmsPerDay: 0.1,
          branching: { long: 0.5, short: 0.4 },
        },
        levels: [{ state: 'active' }, { state: 'broken' }],
      },
    } as unknown as AnalyzeResult;
    render(<AnalysisOverlay controller={null} result={result} />, newHost());
    const counts = page.getByText(/spike event/);
    await expect
      .element(counts)
      .toHaveTextContent('1 spike event · 1 level active at the last bar · W 500 bars');
  });
});
