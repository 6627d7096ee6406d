/**
 * Crosshair legend: O/H/L/C, long/short USD and the EdgeLine prices of the hovered (or last) bar. The same items
 * go into "Save image", and a polite live region reads them out once the crosshair rests (never on every move).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { bpOfOi, formatBp, liqUsd } from '../../core/context/liq-bp';
import { COVERABLE_EXCHANGES } from '../../core/csv/names';
import { frameLayers, OTHER_LAYER, type StackLayer } from '../../core/exchange-stack';
import type { BarFrame } from '../../core/series';
import type { FrameContext } from '../../workers/compute/api';
import { formatPrice, formatUsd, formatUtc } from '../format/usd';
import type { ContextChoice } from './context-choice';
import { contextItems } from './context-format';
import type { ContextColours } from './theme';

/** EdgeLine prices per bar of the frame (liquidation-weighted average price of longs and of shorts). */
export interface EdgeLines {
  long: ArrayLike<number>;
  short: ArrayLike<number>;
}

/** One legend entry; `tone` colours the value, `colour` the label (an exchange's layer colour). */
export interface LegendItem {
  label: string;
  value: string;
  tone?: 'long' | 'short';
  colour?: string;
}

/** What the legend needs to name the histogram's exchange layers: names by code and the layer colours. */
export interface StackLegend {
  names: ReadonlyMap<string, string>;
  colours: readonly string[];
}

/**
 * One item per layer of the histogram by exchange at bar `i`: "L $x S $y"; "gap" where the bar is a gap, "no
 * data" where none of the layer's contracts cover it, and "(part)" where they cover only part of it.
 */
export function stackItems(
  frame: BarFrame,
  layers: readonly StackLayer[],
  i: number,
  s: StackLegend,
): LegendItem[] {
  const known = frame.liq.covered[i] === 1;
  return layers.map((layer, j) => {
    const long = layer.long[i] ?? 0;
    const short = layer.short[i] ?? 0;
    const label =
      layer.key === OTHER_LAYER
        ? `Other (${layer.exchanges.length})`
        : (s.names.get(layer.key) ??
          COVERABLE_EXCHANGES.find((e) => e.code === layer.key)?.name ??
          `Exchange ${layer.key}`);
    const values = `L ${formatUsd(long)} S ${formatUsd(short)}`;
    const value = !known
      ? 'gap'
      : layer.complete[i]
        ? values
        : long === 0 && short === 0
          ? 'no data'
          : `${values} (part)`;
    return { label, value, colour: s.colours[j] ?? s.colours[s.colours.length - 1] };
  });
}

/** What the legend needs to show open interest and funding: the values, the panes shown, their colours. */
export interface ContextLegend {
  values: FrameContext;
  choice: ContextChoice;
  colours: ContextColours;
}

/**
 * The bar's longs and shorts in bp of `oiOpen` (the open interest at its open), shown where that is the spike
 * score: "gap" in a liquidation gap, "no OI" where the open interest is missing (the bar is not scored).
 */
export function bpItems(frame: BarFrame, oiOpen: ArrayLike<number>, i: number): LegendItem[] {
  const oi = oiOpen[i] ?? Number.NaN;
  const value = (side: 'long' | 'short') => {
    if (frame.liq.covered[i] !== 1) return 'gap';
    return oi > 0 ? formatBp(bpOfOi(liqUsd(frame.liq, side, i), oi)) : 'no OI';
  };
  return [
    { label: 'L of OI', value: value('long'), tone: 'long' },
    { label: 'S of OI', value: value('short'), tone: 'short' },
  ];
}

/**
 * The legend of bar `index` (the last bar when null): its time and items; null without bars. `oiOpen` is given
 * when spikes are scored in bp of open interest: the bar's bp values follow its USD.
 */
export function legendItems(
  frame: BarFrame | null,
  index: number | null,
  edge: EdgeLines | null,
  stack: { layers: readonly StackLayer[]; legend: StackLegend } | null = null,
  context: ContextLegend | null = null,
  oiOpen: ArrayLike<number> | null = null,
): { time: string; items: LegendItem[] } | null {
  const n = frame?.candles.close.length ?? 0;
  if (!frame || n === 0) return null;
  const i = index !== null && index >= 0 ? index : n - 1;
  const c = frame.candles;
  const covered = frame.liq.covered[i] === 1;
  const price = (v: number | undefined) => formatPrice(v ?? Number.NaN);
  const items: LegendItem[] = [
    { label: 'O', value: price(c.open[i]) },
    { label: 'H', value: price(c.high[i]) },
    { label: 'L', value: price(c.low[i]) },
    { label: 'C', value: price(c.close[i]) },
    { label: 'Longs', value: covered ? formatUsd(frame.liq.long[i] ?? 0) : 'gap', tone: 'long' },
    { label: 'Shorts', value: covered ? formatUsd(frame.liq.short[i] ?? 0) : 'gap', tone: 'short' },
  ];
  if (oiOpen && oiOpen.length === n) items.push(...bpItems(frame, oiOpen, i));
  const el = edge?.long[i];
  const es = edge?.short[i];
  if (el !== undefined && Number.isFinite(el))
    items.push({ label: 'Edge L', value: price(el), tone: 'long' });
  if (es !== undefined && Number.isFinite(es))
    items.push({ label: 'Edge S', value: price(es), tone: 'short' });
  if (stack) items.push(...stackItems(frame, stack.layers, i, stack.legend));
  if (context && context.values.oi.length === n)
    items.push(...contextItems(context.values, context.choice, i, context.colours));
  return { time: formatUtc(frame.start + i * frame.step), items };
}

/** Props: the frame on screen, the hovered bar index and the EdgeLine series. */
export interface LegendProps {
  frame: BarFrame | null;
  index: number | null;
  /** The bar shown while nothing is hovered (the newest in view); null: the last bar. */
  resting?: number | null;
  edge?: EdgeLines | null;
  /** Set while the histogram shows exchanges: the legend lists each layer's values. */
  stack?: StackLegend | null;
  /** Set while context panes are shown: their values at the bar. */
  context?: ContextLegend | null;
  /** Open interest at each bar's open, set while spikes are scored in bp of it. */
  oiOpen?: ArrayLike<number> | null;
}

/** How long the crosshair must rest before the bar is read out. */
const SPEAK_AFTER_MS = 1000;

/** Renders the legend line over the chart. */
export function Legend({
  frame,
  index,
  resting = null,
  edge = null,
  stack = null,
  context = null,
  oiOpen = null,
}: LegendProps) {
  // Layers are ranked over the whole frame: once per frame, not per crosshair move.
  const layers = useMemo(() => (stack && frame ? frameLayers(frame) : null), [frame, stack !== null]);
  const legend = legendItems(
    frame,
    index ?? resting,
    edge,
    stack && layers ? { layers, legend: stack } : null,
    context,
    oiOpen,
  );
  const text = legend ? `${legend.time}: ${legend.items.map((x) => `${x.label} ${x.value}`).join(', ')}` : '';
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    // Only what the user points at is read, once it rests: data updates and the initial bar stay silent.
    if (index === null) return;
    const timer = setTimeout(() => setSpoken(text), SPEAK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [index === null ? null : text]);
  if (!legend) return null;
  return (
    <>
      <div class="legend" data-testid="legend">
        <span class="legend-time">{legend.time}</span>
        {legend.items.map((x) => (
          <span key={x.label} class={x.tone ? `legend-${x.tone}` : undefined}>
            {x.colour ? <span style={{ color: x.colour }}>{x.label}</span> : x.label} <b>{x.value}</b>
          </span>
        ))}
      </div>
      <p class="sr-only" aria-live="polite" data-testid="legend-spoken">
        {spoken}
      </p>
    </>
  );
}
