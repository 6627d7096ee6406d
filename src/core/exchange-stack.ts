/**
 * The per-exchange histogram: which exchanges get a layer of their own (the largest over the frame) and which are
 * summed into "Other", and each layer's value per bar. Pure, so the chart, its legend and tests agree on it.
 */
import type { BarFrame, ExchangeLiq } from './series';

/** Key of the layer that sums every exchange without a layer of its own. */
export const OTHER_LAYER = 'other';
/** Layers the chart draws: the six largest exchanges on their own, the rest as the last layer ("Other"). */
export const STACK_LAYERS = 7;

/** One layer of the stack: an exchange (or the rest) and its values per bar. */
export interface StackLayer {
  /** The exchange code, or OTHER_LAYER. */
  key: string;
  /** Exchange codes summed into this layer. */
  exchanges: string[];
  long: Float64Array;
  short: Float64Array;
  /** 1 where every exchange of the layer covers the whole bar; 0 where part of it (or all) is not known. */
  complete: Uint8Array;
}

/**
 * Which exchanges form the layers, biggest first: each of the `max - 1` largest by liquidations over the frame
 * (long + short) on its own, the rest in one OTHER_LAYER (no such layer when every exchange fits). Ties go by code,
 * so the same frame always gives the same layers.
 */
export function rankLayers(exchanges: readonly ExchangeLiq[], max: number): string[][] {
  if (max < 2) throw new Error(`a stack needs at least 2 layers, not ${max}`);
  const totals = exchanges.map((e) => {
    let t = 0;
    for (let i = 0; i < e.liq.long.length; i++) t += (e.liq.long[i] ?? 0) + (e.liq.short[i] ?? 0);
    return { code: e.exchange, t };
  });
  totals.sort((a, b) => b.t - a.t || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const codes = totals.map((x) => x.code);
  if (codes.length <= max) return codes.map((c) => [c]);
  return [...codes.slice(0, max - 1).map((c) => [c]), codes.slice(max - 1)];
}

/** The layers `membership` describes, summed per bar from `exchanges` (a code missing from them is a bug). */
export function stackLayers(
  exchanges: readonly ExchangeLiq[],
  membership: readonly string[][],
): StackLayer[] {
  const byCode = new Map(exchanges.map((e) => [e.exchange, e.liq]));
  const n = exchanges[0]?.liq.long.length ?? 0;
  return membership.map((codes) => {
    const long = new Float64Array(n);
    const short = new Float64Array(n);
    const complete = new Uint8Array(n).fill(1);
    for (const code of codes) {
      const liq = byCode.get(code);
      if (!liq) throw new Error(`stack: no series for exchange ${code}`);
      for (let i = 0; i < n; i++) {
        long[i] = (long[i] ?? 0) + (liq.long[i] ?? 0);
        short[i] = (short[i] ?? 0) + (liq.short[i] ?? 0);
        if (!liq.covered[i]) complete[i] = 0;
      }
    }
    // rankLayers puts two or more exchanges into OTHER_LAYER, never one.
    const key = codes.length === 1 ? (codes[0] ?? OTHER_LAYER) : OTHER_LAYER;
    return { key, exchanges: [...codes], long, short, complete };
  });
}

/**
 * The stack's edges at one bar, bottom to top: edge j is the sum of layers 0..j (the last edge is the stacked
 * total, which equals the aggregate bar up to rounding).
 */
export function stackEdges(layers: readonly StackLayer[], i: number, side: 'long' | 'short'): number[] {
  const out: number[] = [];
  let sum = 0;
  for (const layer of layers) {
    sum += layer[side][i] ?? 0;
    out.push(sum);
  }
  return out;
}

/** The chart's layers of a frame with a breakdown (empty without one). */
export function frameLayers(frame: BarFrame): StackLayer[] {
  const ex = frame.exchanges ?? [];
  return ex.length === 0 ? [] : stackLayers(ex, rankLayers(ex, STACK_LAYERS));
}
