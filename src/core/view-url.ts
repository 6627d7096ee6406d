/**
 * The view as a URL query, one module for every link into the app: shared views ("Copy link", the address bar
 * kept in step with history.replaceState) and alert deep links. Format, every key optional:
 * `?asset=BTC&tf=1h&contracts=all&hist=exchanges&t=<unix s, centre of the view>&bars=<bars across>&panel=study`.
 * Old alert links (`?t=<bar time>&tf=<timeframe>`) are a subset and open the same view as before: that bar centred.
 * Hand-parsed because core has no URLSearchParams (ES library only).
 */
import { isAssetName } from './assets';
import { isTimeframe, type Timeframe } from './intervals';
import { type ContractFilter, filterKey, parseFilterKey } from './market';

/** Side-panel tabs a link can open. */
export const PANEL_IDS = ['levels', 'htf', 'study', 'alerts'] as const;
/** A side-panel tab. */
export type PanelId = (typeof PANEL_IDS)[number];

/** How the liquidation histogram is drawn: long/short totals, or each exchange stacked. */
export type HistogramMode = 'total' | 'exchanges';

/** What a link says about the view; null = the link does not say (the app keeps its own choice). */
export interface ViewState {
  /** The base asset (`BTC`, `ETH`, …), as the market list spells it. */
  asset: string | null;
  timeframe: Timeframe | null;
  contracts: ContractFilter | null;
  /** The histogram mode (`hist=exchanges` or `hist=total`). */
  histogram: HistogramMode | null;
  /** Unix seconds at the centre of the visible range. */
  time: number | null;
  /** Bars across the visible range (zoom), with `time`. */
  bars: number | null;
  /** The open side-panel tab; null = the link does not open one. */
  panel: PanelId | null;
}

/** A view that says nothing. */
export const EMPTY_VIEW: ViewState = {
  asset: null,
  timeframe: null,
  contracts: null,
  histogram: null,
  time: null,
  bars: null,
  panel: null,
};

/** True when `value` names a panel. */
export function isPanelId(value: string): value is PanelId {
  return (PANEL_IDS as readonly string[]).includes(value);
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return '';
  }
}

function queryParams(search: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    const k = eq < 0 ? pair : pair.slice(0, eq);
    const v = eq < 0 ? '' : pair.slice(eq + 1);
    // The first occurrence wins, as URLSearchParams.get does.
    if (k && !params.has(k)) params.set(k, safeDecode(v));
  }
  return params;
}

/** Reads a view from a query string; unknown or malformed values are ignored one by one. */
export function parseViewState(search: string): ViewState {
  const p = queryParams(search);
  // Lower case is taken as upper (`?asset=eth`); a mixed-case name (`kPEPE`) is kept as Coinalyze spells it.
  const raw = p.get('asset') ?? '';
  const asset = raw === raw.toLowerCase() ? raw.toUpperCase() : raw;
  const tf = p.get('tf') ?? '';
  const t = p.get('t') ?? '';
  const bars = p.get('bars') ?? '';
  const panel = p.get('panel') ?? '';
  const contracts = p.get('contracts');
  const hist = p.get('hist');
  const time = /^\d{1,12}$/.test(t) ? Number(t) : null;
  return {
    // Which assets exist is known only from the market list: the app checks the name against it later.
    asset: isAssetName(asset) ? asset : null,
    timeframe: isTimeframe(tf) ? tf : null,
    contracts: contracts === undefined ? null : parseFilterKey(contracts),
    histogram: hist === 'exchanges' || hist === 'total' ? hist : null,
    time,
    // A zoom without a place means nothing; a width below 5 bars or above 100k bars is not one we draw.
    bars: time !== null && /^\d{1,6}$/.test(bars) && Number(bars) >= 5 ? Number(bars) : null,
    panel: isPanelId(panel) ? panel : null,
  };
}

/** True when the query says anything about the view. */
export function saysAnything(v: ViewState): boolean {
  return Object.values(v).some((x) => x !== null);
}

/** The query string (with `?`, or '' when empty) for a view; keys in a fixed order, values URL-safe. */
export function viewQuery(v: ViewState): string {
  const parts: string[] = [];
  if (v.asset) parts.push(`asset=${encodeURIComponent(v.asset)}`);
  if (v.timeframe) parts.push(`tf=${encodeURIComponent(v.timeframe)}`);
  if (v.contracts) parts.push(`contracts=${encodeURIComponent(filterKey(v.contracts))}`);
  if (v.histogram) parts.push(`hist=${v.histogram}`);
  if (v.time !== null) {
    parts.push(`t=${Math.floor(v.time)}`);
    if (v.bars !== null) parts.push(`bars=${Math.max(5, Math.round(v.bars))}`);
  }
  if (v.panel) parts.push(`panel=${v.panel}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** An absolute link to a view (base = the app's origin plus base path, e.g. `https://x.app/`). */
export function buildViewUrl(base: string, v: ViewState): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return `${root}${viewQuery(v)}`;
}
