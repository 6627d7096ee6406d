/** Settings for spikes, levels and oscillators: one number input per parameter, with the false-alarm promise. */

import type { ScoreBasis } from '../../core/context/liq-bp';
import { TIMEFRAME_SECONDS } from '../../core/intervals';
import type { LevelParams } from '../../core/levels/params';
import type { OscillatorParams } from '../../core/oscillators/params';
import {
  attainablePThreshold,
  expectedFalseAlarmsPerDay,
  extremeTailP,
  resolveLongWindow,
  resolveWindow,
  type SpikeParams,
} from '../../core/spikes/params';
import { NumberField } from './fields/NumberField';
import type { NumberRule } from './fields/number-rule';
import { SelectField, type SelectOption } from './fields/SelectField';
import type { SectionProps } from './SettingsDialog';
import '../analysis/analysis.css';

// Ranges are the ones the maths makes sense of: probabilities and fractions in [0, 1], counts of bars or points
// whole, durations and weights not negative. Heat z cut-offs may be negative.
const FRACTION: NumberRule = { min: 0, max: 1 };
const COUNT: NumberRule = { min: 0, integer: true };
const POSITIVE_COUNT: NumberRule = { min: 1, integer: true };
const AMOUNT: NumberRule = { min: 0 };
const DAYS: NumberRule = { min: 1 };
// A return period of 0 would make every bar above the tail threshold "extreme".
const RETURN_DAYS: NumberRule = { min: 0.1 };
const ANY: NumberRule = {};

/** The keys of `T` whose values are numbers: the only ones these sections edit. */
type NumberKey<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];
type Field<T> = readonly [key: NumberKey<T>, label: string, rule: NumberRule];

const SPIKE_FIELDS: readonly Field<SpikeParams>[] = [
  ['windowBars', 'Baseline window W (bars, 0 = auto)', COUNT],
  ['windowDays', 'Auto window (days)', AMOUNT],
  ['minWindowBars', 'Auto window minimum (bars)', COUNT],
  ['minPeriodsFraction', 'Min periods (fraction of W)', FRACTION],
  ['sigmaMin', 'σ floor (log units)', AMOUNT],
  ['zThreshold', 'Spike z threshold', AMOUNT],
  ['pThreshold', 'Spike empirical p threshold', FRACTION],
  ['usdFloor', 'USD floor per bar', AMOUNT],
  ['floorQuantile', 'Floor quantile of the trailing score (0 = off)', FRACTION],
  ['seasonalDays', 'Seasonal lookback (days)', AMOUNT],
  ['seasonalMinPoints', 'Seasonal shrink below (points)', COUNT],
  ['seasonalHourP', 'Seasonal: share of that hour’s bars as large, at least', FRACTION],
  ['longWindowDays', 'Long baseline window (days)', DAYS],
  ['longMinBars', 'Long baseline minimum (bars)', COUNT],
  ['longTailLevel', 'Long tail threshold quantile', FRACTION],
  ['longTailMinExcess', 'Long tail: bars above threshold at least', POSITIVE_COUNT],
  ['extremeReturnDays', 'Extreme: rarer than 1 in (days)', RETURN_DAYS],
  ['runGapSeconds', 'Runs-rule gap (seconds)', AMOUNT],
  ['heatHalfLifeSeconds', 'Cascade heat half-life (seconds)', AMOUNT],
  ['onsetHeatZ', 'Onset below heat z', ANY],
  ['continuationPBg', 'Continuation below Hawkes p_bg (0 = off)', FRACTION],
  ['onsetJump', 'Onset: first bar at least × its recent level (0 = off)', AMOUNT],
];

const LEVEL_FIELDS: readonly Field<LevelParams>[] = [
  ['supportShare', 'Support: long share at least', FRACTION],
  ['resistanceShare', 'Resistance: long share at most', FRACTION],
  ['atrPeriod', 'ATR period', POSITIVE_COUNT],
  ['zoneAtr', 'Zone half-width (ATR)', AMOUNT],
  ['zoneMinFraction', 'Zone half-width minimum (fraction of price)', FRACTION],
  ['mergeAtr', 'Merge distance (ATR)', AMOUNT],
  ['mergeMinFraction', 'Merge distance minimum (fraction of price)', FRACTION],
  ['maxZoneAtr', 'Merged zone max width (ATR)', AMOUNT],
  ['extremeBonus', 'Extreme event weight bonus', AMOUNT],
  ['halfLifeHours', 'Strength half-life (hours)', AMOUNT],
  ['bounceBonus', 'Strength per bounce', AMOUNT],
  ['testPenalty', 'Strength lost per test', AMOUNT],
  ['minStrength', 'Hide below strength', AMOUNT],
  ['maxAgeDays', 'Hide after (days)', AMOUNT],
  ['outcomeSeconds', 'Touch outcome horizon (seconds)', AMOUNT],
  ['bounceAtr', 'Bounce target (ATR)', AMOUNT],
];

const OSCILLATOR_FIELDS: readonly Field<OscillatorParams>[] = [
  ['lsiBars', 'Imbalance EMA length (bars)', POSITIVE_COUNT],
  ['cldWindowSeconds', 'Delta rolling window (seconds)', AMOUNT],
  ['edgeWindowSeconds', 'EdgeLine window (seconds)', AMOUNT],
];

/** One number field per parameter of one group; ids are `group-key`. */
function Fields<T extends object>(props: {
  group: string;
  fields: readonly Field<T>[];
  values: T;
  onChange: (next: T) => void;
}) {
  const { group, fields, values, onChange } = props;
  return (
    <>
      {fields.map(([key, label, rule]) => (
        <NumberField
          key={String(key)}
          id={`${group}-${String(key)}`}
          label={label}
          {...rule}
          value={Number(values[key])}
          onChange={(v) => onChange({ ...values, [key]: v })}
        />
      ))}
    </>
  );
}

const BASES: readonly SelectOption<ScoreBasis>[] = [
  { value: 'usd', label: 'USD' },
  { value: 'bpOfOi', label: 'bp of open interest' },
];

/** Spike parameters, with the expected false alarms per day next to the threshold. */
export function SpikeSection(props: SectionProps) {
  const s = props.draft.spikes;
  const set = (spikes: SpikeParams) => props.onChange({ ...props.draft, spikes });
  // The window a long history gets (the detector caps it at a third of a short one).
  const w1h = resolveWindow(s, TIMEFRAME_SECONDS['1h'], Number.POSITIVE_INFINITY);
  const w5m = resolveWindow(s, TIMEFRAME_SECONDS['5m'], Number.POSITIVE_INFINITY);
  const p1h = attainablePThreshold(s.pThreshold, w1h);
  const p5m = attainablePThreshold(s.pThreshold, w5m);
  return (
    <div class="param-grid">
      <SelectField
        id="spikes-scoreBasis"
        label="Score liquidations as"
        value={s.scoreBasis}
        options={BASES}
        onChange={(scoreBasis) => set({ ...s, scoreBasis })}
      />
      <p class="hint" data-testid="score-basis">
        {s.scoreBasis === 'usd'
          ? 'Each bar’s liquidated USD is scored.'
          : 'Each bar’s liquidated USD ÷ the open interest (summed over the same contracts) at the bar’s open, in basis points. A bar without open interest is a gap: it is not scored and cannot be a spike, so nothing before the open interest history begins is flagged. The chart’s histogram stays in USD; the USD floor stays in USD.'}{' '}
        Spikes, levels, the study and the alerts all use this choice.
      </p>
      <Fields group="spikes" fields={SPIKE_FIELDS} values={s} onChange={set} />
      <label for="spikes-seasonal">Hour-of-day seasonal offset (≤ 1h bars)</label>
      <input
        id="spikes-seasonal"
        type="checkbox"
        checked={s.seasonal}
        onChange={(e) => set({ ...s, seasonal: e.currentTarget.checked })}
      />
      <p class="hint" data-testid="false-alarms">
        Expected false alarms per series: {expectedFalseAlarmsPerDay(p1h, '1h').toFixed(2)}/day at 1h,{' '}
        {expectedFalseAlarmsPerDay(p5m, '5m').toFixed(2)}/day at 5m (p × bars/day, with the p the window can
        reach).
        {p1h === 0 && ' The window is too short to ever reach this p at 1h.'}
      </p>
      <p class="hint" data-testid="extreme-promise">
        Extreme = one in {formatDays(s.extremeReturnDays)} days or rarer over the long baseline (
        {resolveLongWindow(s, TIMEFRAME_SECONDS['1h'])} bars at 1h,{' '}
        {resolveLongWindow(s, TIMEFRAME_SECONDS['1D'])} at 1D): tail p ≤{' '}
        {formatSmallP(extremeTailP(s, TIMEFRAME_SECONDS['1h']))} at 1h, about{' '}
        {(extremeTailP(s, TIMEFRAME_SECONDS['1h']) * 24).toFixed(3)} extreme events per side per day; at 1D
        never above the spike p ({formatSmallP(extremeTailP(s, TIMEFRAME_SECONDS['1D']))} per day).
      </p>
    </div>
  );
}

function formatDays(d: number): string {
  return Number.isInteger(d) ? String(d) : d.toFixed(1);
}

function formatSmallP(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(4);
}

/** Level parameters. */
export function LevelSection({ draft, onChange }: SectionProps) {
  return (
    <div class="param-grid">
      <Fields
        group="levels"
        fields={LEVEL_FIELDS}
        values={draft.levels}
        onChange={(levels) => onChange({ ...draft, levels })}
      />
    </div>
  );
}

/** Oscillator parameters. */
export function OscillatorSection({ draft, onChange }: SectionProps) {
  return (
    <div class="param-grid">
      <Fields
        group="oscillators"
        fields={OSCILLATOR_FIELDS}
        values={draft.oscillators}
        onChange={(oscillators) => onChange({ ...draft, oscillators })}
      />
    </div>
  );
}
