/**
 * The bundled demo asset: a small JSON header and seven Float64 columns in one binary file.
 * Binary keeps it compact (about 80 KB, 30 KB gzipped) and decodes without parsing text.
 */
import type { UnixSeconds } from '../time';
import type { DemoFrame } from './convert';
import { checkPreview, type DemoPreview } from './preview';

const MAGIC = 0x4c514431; // "LQD1"
const COLUMNS = ['open', 'high', 'low', 'close', 'volume', 'longUsd', 'shortUsd'] as const;

/** Descriptive fields stored with the demo data. */
export interface DemoMeta {
  symbol: string;
  exchange: string;
  margined: 'COIN' | 'STABLE';
  attribution: string;
  licence: string;
}

/** Decoded demo asset. */
export interface DemoAsset extends Omit<DemoFrame, 'report'> {
  meta: DemoMeta;
  /** The precomputed first screen (markers and zones), or null in an asset built without one. */
  preview: DemoPreview | null;
}

/** Encodes a converted frame, its metadata and (optionally) its first-screen preview into the asset bytes. */
export function encodeDemoAsset(
  frame: DemoFrame,
  meta: DemoMeta,
  preview: DemoPreview | null = null,
): Uint8Array {
  const n = frame.close.length;
  const header = new TextEncoder().encode(
    JSON.stringify({ start: frame.start, step: frame.step, n, meta, ...(preview ? { preview } : {}) }),
  );
  const headerPadded = Math.ceil((8 + header.length) / 8) * 8;
  const out = new Uint8Array(headerPadded + COLUMNS.length * n * 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  COLUMNS.forEach((name, k) => {
    out.set(new Uint8Array(frame[name].buffer, frame[name].byteOffset, n * 8), headerPadded + k * n * 8);
  });
  return out;
}

/** Decodes asset bytes; throws with a clear message when they are not a demo asset. */
export function decodeDemoAsset(bytes: ArrayBuffer): DemoAsset {
  const view = new DataView(bytes);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC)
    throw new Error('demo asset: bad magic number');
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 8, headerLength))) as {
    start: number;
    step: number;
    n: number;
    meta: DemoMeta;
    preview?: unknown;
  };
  const base = Math.ceil((8 + headerLength) / 8) * 8;
  if (bytes.byteLength !== base + COLUMNS.length * header.n * 8) throw new Error('demo asset: truncated');
  const column = (k: number) =>
    new Float64Array(bytes.slice(base + k * header.n * 8, base + (k + 1) * header.n * 8));
  return {
    start: header.start as UnixSeconds,
    step: header.step,
    open: column(0),
    high: column(1),
    low: column(2),
    close: column(3),
    volume: column(4),
    longUsd: column(5),
    shortUsd: column(6),
    meta: header.meta,
    preview: header.preview === undefined ? null : checkPreview(header.preview),
  };
}

/** Result of making sure the demo database holds the bundled data. */
export interface DemoLoad {
  /** True when this call wrote the data (first start), false when it was already there. */
  loaded: boolean;
  bars: number;
  firstTime: number;
  lastTime: number;
}
