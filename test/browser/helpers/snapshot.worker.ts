/** A dedicated worker that draws an alert snapshot, as the fetch worker does (for the browser test). */
import type { SpikeCandidate } from '../../../src/core/alerts/rules';
import type { TargetResult } from '../../../src/workers/fetch/alerts/analyzers';
import { snapshotHook } from '../../../src/workers/fetch/alerts/snapshot';

self.onmessage = async (ev: MessageEvent<{ result: TargetResult; candidate: SpikeCandidate }>) => {
  const hook = snapshotHook(async () => {
    throw new Error('no database in this worker');
  });
  const png = hook ? await hook(ev.data.result, ev.data.candidate) : 'no OffscreenCanvas in this worker';
  self.postMessage(png);
};
