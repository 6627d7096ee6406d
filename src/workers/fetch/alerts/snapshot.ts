/**
 * "Attach chart snapshot": the leader worker draws the PNG for a spike alert itself, from the frame and analysis
 * its alert analyzer holds (the archive, on the alert's own timeframe and contract filter), so the picture never
 * depends on what a page shows, on a page being visible, or on one existing. Drawn with OffscreenCanvas.
 */
import type { IDBPDatabase } from 'idb';
import type { SpikeCandidate } from '../../../core/alerts/rules';
import { filterLabel, snapshotCaption } from '../../../core/snapshot/caption';
import { SNAPSHOT_BARS, snapshotLayout } from '../../../core/snapshot/layout';
import { exchangeNames } from '../../../storage/kv-repo';
import type { LiqLabDB } from '../../../storage/schema';
import type { TargetResult } from './analyzers';
import type { PipelineHooks } from './pipeline';
import { paintSnapshot } from './snapshot-paint';

/** A PNG of the last bars up to `candidate`'s event on `result`'s frame, with its zones, marker and caption. */
export async function drawAlertSnapshot(
  result: TargetResult,
  candidate: SpikeCandidate,
  names: ReadonlyMap<string, string> = new Map(),
): Promise<Blob> {
  const { frame, analysis, target } = result;
  const event = candidate.event;
  const layout = snapshotLayout(frame, event, SNAPSHOT_BARS);
  const caption = snapshotCaption(
    target.asset,
    event,
    target.timeframe,
    filterLabel(target.filter, names),
    frame.start + layout.from * frame.step,
    frame.start + (layout.to - 1) * frame.step,
    frame.step,
  );
  const c = new OffscreenCanvas(layout.width, layout.height);
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('OffscreenCanvas has no 2D context here');
  paintSnapshot(ctx, layout, { frame, levels: analysis.levels, event, caption });
  return c.convertToBlob({ type: 'image/png' });
}

/**
 * The pipeline's snapshot hook, or undefined where OffscreenCanvas does not exist (Node tests): the pipeline then
 * sends alerts without a photo. A drawing that fails is reported and the alert still goes, as text.
 */
export function snapshotHook(db: () => Promise<IDBPDatabase<LiqLabDB>>): PipelineHooks['snapshot'] {
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  return async (result, candidate) => {
    if (candidate.kind !== 'spike') return null;
    try {
      const names = result.target.filter.kind === 'exchange' ? await exchangeNames(await db()) : undefined;
      return await drawAlertSnapshot(result, candidate, names);
    } catch (e) {
      console.warn(
        `Alert snapshot not drawn, sending the alert without it: ${e instanceof Error ? e.message : e}`,
      );
      return null;
    }
  };
}
