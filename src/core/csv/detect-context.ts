/**
 * Open interest and funding columns of other tools' files by their common names (`open_interest`, `oi`,
 * `openInterest`, `sumOpenInterestValue`, `Open Interest (USD)`, `funding_rate`, `fundingRate`, `funding`,
 * `predicted_funding_rate`, `nextFundingRate`, …), with their unit only when the name says it: an open interest
 * in BTC or a funding rate as a fraction is off by a factor of 60,000 or 100, so LiqLab never guesses it.
 */
import { FIRST_ASSETS } from '../assets';
import { CONTEXT_SERIES, type ContextKind } from '../context/series';
import type { BaseInterval } from '../intervals';
import { normaliseName } from './detect-columns';
import type { ContextColumnMapping, ContextUnit } from './mapping';

/** What each kind is called in the dialog and in messages. */
export const CONTEXT_NAMES: Readonly<Record<ContextKind, string>> = {
  oi: 'open interest',
  funding: 'funding',
  predicted: 'predicted funding',
};

const USD_WORDS = new Set(['usd', 'usdt', 'usdc', 'value', 'notional', 'quote']);
/** Words naming coins: generic ones and the assets the picker lists first (others can be mapped by hand). */
const COIN_WORDS = new Set(['xbt', 'coin', 'coins', 'base', ...FIRST_ASSETS.map((a) => a.toLowerCase())]);
const OI_EXTRA = new Set(['sum', 'total', 'agg', 'aggregated', 'aggregate', ...USD_WORDS, ...COIN_WORDS]);
const PERCENT_WORDS = new Set(['%', 'pct', 'percent', 'percentage']);
const FRACTION_WORDS = new Set(['fraction', 'decimal', 'raw']);
const PREDICTED_WORDS = new Set(['predicted', 'next', 'estimated', 'est', 'forecast']);
const FUNDING_EXTRA = new Set([
  'rate',
  'last',
  'current',
  'avg',
  'average',
  'mean',
  'weighted',
  'oi',
  'vol',
  ...PERCENT_WORDS,
  ...FRACTION_WORDS,
  ...PREDICTED_WORDS,
]);

/** What a column name says: its kind, its unit if named, and whether it is named as coins. */
export interface ContextRole {
  kind: ContextKind;
  unit: ContextUnit | null;
  /** True when the name says BTC / coins (open interest): the dialog says so and asks what to do. */
  coinNamed: boolean;
}

/** Lower-case words of a header; `%` is a word of its own. */
function tokens(name: string): string[] {
  return normaliseName(name)
    .replace(/%/g, ' % ')
    .split(/[^a-z0-9%]+/)
    .filter(Boolean);
}

/** The context role of a column name, or null. A change, ratio or time column (`oi_change`, `funding_time`) is none. */
export function contextRole(name: string): ContextRole | null {
  const w = tokens(name);
  const oi = w.filter((x) => !OI_EXTRA.has(x)).join(' ');
  if (oi === 'open interest' || oi === 'oi') {
    const usd = w.some((x) => USD_WORDS.has(x));
    return { kind: 'oi', unit: usd ? 'usd' : null, coinNamed: !usd && w.some((x) => COIN_WORDS.has(x)) };
  }
  if (w.filter((x) => !FUNDING_EXTRA.has(x)).join(' ') !== 'funding') return null;
  const kind: ContextKind = w.some((x) => PREDICTED_WORDS.has(x)) ? 'predicted' : 'funding';
  const unit = w.some((x) => PERCENT_WORDS.has(x))
    ? 'percent'
    : w.some((x) => FRACTION_WORDS.has(x))
      ? 'fraction'
      : null;
  return { kind, unit, coinNamed: false };
}

/** The base intervals the chart reads `kind` at (what the fetcher keeps), finest first. */
export function contextIntervals(kind: ContextKind): BaseInterval[] {
  return CONTEXT_SERIES.filter((s) => s.kind === kind).map((s) => s.interval);
}

/** Why `interval` cannot hold a context column: the chart reads each kind only at the intervals it fetches. */
export function contextIntervalProblem(
  c: Pick<ContextColumnMapping, 'kind' | 'label'>,
  interval: BaseInterval,
): string {
  const allowed = contextIntervals(c.kind);
  const list = `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  return `${CONTEXT_NAMES[c.kind]} "${c.label}" can be stored at ${list} (the intervals the chart reads it at), not at ${interval}: choose one of them, or leave the column out`;
}

/** Why a unit does not suit a kind, or null. */
export function contextUnitProblem(c: Pick<ContextColumnMapping, 'kind' | 'unit' | 'label'>): string | null {
  const name = `${CONTEXT_NAMES[c.kind]} "${c.label}"`;
  if (c.kind === 'oi') {
    if (c.unit === 'usd' || c.unit === 'coin') return null;
    // The file's asset is chosen later in the dialog, so the words match the unit menu: USD or coins.
    return `choose whether ${name} is in USD or in coins (converted to USD with each bucket's candle close)`;
  }
  if (c.unit === 'percent' || c.unit === 'fraction') return null;
  return `choose whether ${name} is in percent (0.01 = 0.01 %) or a fraction (0.0001 = 0.01 %)`;
}

/**
 * One column per context kind among the headers (open interest named in USD preferred over one that is not), stored
 * under `symbol`; `taken` columns (time, candles, liquidation pairs) are skipped. `unsure` gains a line for each
 * unit the user must choose and each column left out.
 */
export function detectContext(
  header: readonly string[],
  taken: ReadonlySet<number>,
  symbol: string,
  unsure: string[],
): ContextColumnMapping[] {
  const found = header.flatMap((label, column) => {
    const role = taken.has(column) ? null : contextRole(label);
    return role ? [{ ...role, label, column }] : [];
  });
  const out: ContextColumnMapping[] = [];
  for (const kind of ['oi', 'funding', 'predicted'] as const) {
    const all = found.filter((f) => f.kind === kind);
    const pick = all.find((f) => f.unit !== null) ?? all[0];
    if (!pick) continue;
    out.push({ kind, label: pick.label, column: pick.column, symbol, unit: pick.unit });
    if (pick.coinNamed)
      unsure.push(
        `open interest "${pick.label}" is named in coins: convert it to USD with the candles, or say it is USD`,
      );
    else if (pick.unit === null) unsure.push(contextUnitProblem(pick) ?? '');
    for (const f of all)
      if (f !== pick)
        unsure.push(
          `${CONTEXT_NAMES[kind]} "${f.label}" is left out: "${pick.label}" is used (one column per kind)`,
        );
  }
  return out;
}
