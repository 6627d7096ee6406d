import { describe, expect, it } from 'vitest';
import { snapshotHook } from '../../../../../src/workers/fetch/alerts/snapshot';

describe('snapshot hook', () => {
  it('is absent where OffscreenCanvas does not exist, so the pipeline queues alerts without a photo', () => {
    expect(typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas).toBe('undefined');
    expect(
      snapshotHook(async () => {
        throw new Error('not reached');
      }),
    ).toBeUndefined();
  });
});
