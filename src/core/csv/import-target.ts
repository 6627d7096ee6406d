/**
 * Which base asset an import lands on. Every file but an archive (whose market rows carry each contract's asset)
 * is filed under one asset, chosen in the import dialog: its synthetic aggregates and bars contracts belong to it,
 * a typed symbol naming no asset is taken as its, and candles the file names no market for go to its reference
 * market. Contracts the file names (`ETH/USDT - Binance` → ETHUSDT_PERP.A) keep their own asset.
 */
import { DEFAULT_ASSET, defaultAssetSettings, isAssetName } from '../assets';
import { REFERENCE_SYMBOL } from './contracts';
import type { GenericMapping } from './mapping';
import { nameProblem } from './names';

/** The asset an import is filed under and the market whose candles its unnamed candles are. */
export interface ImportTarget {
  asset: string;
  /** The asset's reference market (settings), where candles of a file naming no aggregate are stored. */
  reference: string;
}

/** BTC with its default reference market: what sniffing proposes before the dialog knows the asset. */
export const BTC_TARGET: ImportTarget = { asset: DEFAULT_ASSET, reference: REFERENCE_SYMBOL };

/** `asset` with the reference market it has before anyone chose one (its Binance USDT perpetual). */
export function defaultTarget(asset: string): ImportTarget {
  return { asset, reference: defaultAssetSettings(asset).reference };
}

/** Why `target` cannot be stored under (not an asset name, a reference symbol that could not be stored), or null. */
export function targetProblem(target: ImportTarget): string | null {
  if (!isAssetName(target.asset)) return `"${target.asset}" is not an asset name`;
  const why = nameProblem(target.reference);
  return why ? `the reference market ${why}` : null;
}

/**
 * `mapping` moved from one target to another: candles stored on the old reference market go to the new one (the
 * rest names its contracts itself or is an aggregate, whose asset is the target's at import).
 */
export function retargetMapping(
  mapping: GenericMapping,
  from: ImportTarget,
  to: ImportTarget,
): GenericMapping {
  const c = mapping.candles;
  return c && c.symbol === from.reference ? { ...mapping, candles: { ...c, symbol: to.reference } } : mapping;
}

/** Contracts a mapping names itself (not aggregates, not the reference candles), whose asset the file gives. */
export function namedSymbols(mapping: GenericMapping): string[] {
  return [...mapping.pairs, ...mapping.context].map((x) => x.symbol).filter((s) => !s.startsWith('CSV_'));
}
