import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analysis/analyzer';
import { decodeDemoAsset, encodeDemoAsset } from '../../../src/core/demo/asset';
import { demoFrame } from '../../../src/core/demo/frame';
import { checkPreview, previewOf } from '../../../src/core/demo/preview';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';

function committedAsset() {
  const b = readFileSync(resolve(__dirname, '../../../public/demo/btcusdt-perp-1h.bin'));
  return decodeDemoAsset(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
}

const utc = (s: string) => Date.parse(`${s}:00Z`) / 1000;

describe('the demo asset’s precomputed first screen', () => {
  const asset = committedAsset();
  const preview = asset.preview;

  it('equals a fresh analysis of the same data with the default settings (rebuild with npm run demo:build)', () => {
    const frame = demoFrame(asset, 3600);
    if (!frame || !preview) throw new Error('demo asset without a 1h frame or a preview');
    const { spikes, levels, oscillators } = DEFAULT_SETTINGS;
    const fresh = analyze(frame, '1h', { spikes, levels, oscillators });
    expect(preview).toEqual(previewOf(fresh, '1h', preview.focus));
  });

  it('opens on the 2024-08-05 crash with its events and zones inside the window', () => {
    if (!preview) throw new Error('no preview');
    const { from, to } = preview.focus;
    expect(from).toBeLessThanOrEqual(utc('2024-08-05T00:00'));
    expect(to).toBeGreaterThan(utc('2024-08-06T00:00'));
    const inside = preview.events.filter((e) => e.firstTime >= from && e.firstTime < to);
    expect(inside.map((e) => e.side).sort()).toEqual(['long', 'short', 'short', 'short']);
    // A zone is in the window when its lifetime overlaps it.
    const zones = preview.levels.filter(
      (l) => l.createdTime < to && (l.brokenTime ?? l.expiredTime ?? Infinity) > from,
    );
    expect(zones.map((l) => l.kind)).toEqual(expect.arrayContaining(['support', 'resistance']));
  });

  it('a malformed preview in the header is refused with a clear message', () => {
    expect(() =>
      checkPreview({ timeframe: '1h', focus: { from: 5, to: 1 }, events: [], levels: [] }),
    ).toThrow(/malformed first-screen preview/);
    const meta = { symbol: 'X', exchange: 'A', margined: 'STABLE' as const, attribution: 'a', licence: 'l' };
    const frame = { ...asset, report: { duplicatesDropped: 0, missingHoursZeroed: 0, rows: 0 } };
    const bytes = encodeDemoAsset(frame, meta);
    expect(
      decodeDemoAsset(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      ).preview,
    ).toBeNull();
  });
});
