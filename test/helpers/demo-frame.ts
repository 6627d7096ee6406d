import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeDemoAsset } from '../../src/core/demo/asset';
import type { DemoFrame } from '../../src/core/demo/convert';
import { demoFrame } from '../../src/core/demo/frame';
import { ensure } from '../../src/core/ensure';
import type { BarFrame } from '../../src/core/series';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A converted demo series at its own step, as the app's first paint reads it. */
export function demoBarFrame(a: Omit<DemoFrame, 'report'>): BarFrame {
  return ensure(demoFrame(a, a.step), 'a demo frame at its own step');
}

/** The bundled demo asset (public/demo/btcusdt-perp-1h.bin) as the app decodes it. */
export function bundledDemoFrame(): BarFrame {
  const bytes = readFileSync(resolve(repoRoot, 'public/demo/btcusdt-perp-1h.bin'));
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  if (!(copy instanceof ArrayBuffer)) throw new Error('demo asset: expected an ArrayBuffer');
  return demoBarFrame(decodeDemoAsset(copy));
}
