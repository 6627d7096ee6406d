/** Types for the fake's open-interest and funding model. */
import type { FakeContextKind, FakeOhlc } from './data.mjs';

/** Deterministic OI (USD) and funding (%) per contract. */
export interface FakeContextModel {
  /** The bucket [t, t + step) as seen at nowSec, or null when the API leaves it out. */
  seen(kind: FakeContextKind, symbol: string, step: number, t: number, nowSec: number): FakeOhlc | null;
  omitted(kind: FakeContextKind, symbol: string, step: number, t: number): boolean;
}

export function makeContextModel(
  symbols: string[],
  listedSec: number,
  sizeOf?: (symbol: string) => number,
): FakeContextModel;
