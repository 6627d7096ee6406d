/** Settings for spikes, levels and oscillators: one number input per parameter, with the false-alarm promise. */
import { Fragment } from 'preact';
import { attainablePThreshold, expectedFalseAlarmsPerDay } from '../../core/spikes/params';
import type { SectionProps } from './SettingsDialog';
import '../analysis/analysis.css';

type Group = 'spikes' | 'levels' | 'oscillators';
type Field = readonly [key: string, label: string];

const FIELDS: Readonly<Record<Group, readonly Field[]>> = {
  spikes: [
    ['windowBars', 'Baseline window W (bars, 0 = auto)'],
    ['windowDays', 'Auto window (days)'],
    ['minWindowBars', 'Auto window minimum (bars)'],
    ['minPeriodsFraction', 'Min periods (fraction of W)'],
    ['sigmaMin', 'σ floor (log units)'],
    ['zThreshold', 'Spike z threshold'],
    ['pThreshold', 'Spike empirical p threshold'],
    ['usdFloor', 'USD floor per bar'],
    ['floorQuantile', 'Floor quantile of trailing USD (0 = off)'],
    ['seasonalDays', 'Seasonal lookback (days)'],
    ['seasonalMinPoints', 'Seasonal shrink below (points)'],
    ['extremeP', 'Extreme: tail p at most'],
    ['tailLevel', 'Tail threshold quantile'],
    ['tailInit', 'Tail calibration values'],
    ['tailMaxExcess', 'Tail max excesses kept'],
    ['tailMinExcess', 'Show tail p from excesses'],
    ['runGapSeconds', 'Runs-rule gap (seconds)'],
    ['heatHalfLifeSeconds', 'Cascade heat half-life (seconds)'],
    ['onsetHeatZ', 'Onset below heat z'],
    ['continuationHeatZ', 'Continuation from heat z'],
    ['continuationPBg', 'Continuation below Hawkes p_bg (0 = off)'],
  ],
  levels: [
    ['supportShare', 'Support: long share at least'],
    ['resistanceShare', 'Resistance: long share at most'],
    ['atrPeriod', 'ATR period'],
    ['zoneAtr', 'Zone half-width (ATR)'],
    ['zoneMinFraction', 'Zone half-width minimum (fraction of price)'],
    ['mergeAtr', 'Merge distance (ATR)'],
    ['mergeMinFraction', 'Merge distance minimum (fraction of price)'],
    ['maxZoneAtr', 'Merged zone max width (ATR)'],
    ['extremeBonus', 'Extreme event weight bonus'],
    ['halfLifeHours', 'Strength half-life (hours)'],
    ['bounceBonus', 'Strength per bounce'],
    ['testPenalty', 'Strength lost per test'],
    ['minStrength', 'Hide below strength'],
    ['maxAgeDays', 'Hide after (days)'],
    ['outcomeSeconds', 'Touch outcome horizon (seconds)'],
    ['bounceAtr', 'Bounce target (ATR)'],
  ],
  oscillators: [
    ['lsiBars', 'Imbalance EMA length (bars)'],
    ['cldWindowSeconds', 'Delta rolling window (seconds)'],
    ['edgeWindowSeconds', 'EdgeLine window (seconds)'],
  ],
};

function Fields({ group, draft, onChange }: SectionProps & { group: Group }) {
  const values = draft[group] as unknown as Record<string, unknown>;
  const set = (key: string, v: number) =>
    onChange({ ...draft, [group]: { ...draft[group], [key]: Number.isFinite(v) ? v : values[key] } });
  return (
    <>
      {FIELDS[group].map(([key, label]) => (
        <Fragment key={key}>
          <label for={`${group}-${key}`}>{label}</label>
          <input
            id={`${group}-${key}`}
            type="number"
            step="any"
            value={String(values[key])}
            onChange={(e) => set(key, Number(e.currentTarget.value))}
          />
        </Fragment>
      ))}
    </>
  );
}

/** Spike parameters, with the expected false alarms per day next to the threshold. */
export function SpikeSection(props: SectionProps) {
  const s = props.draft.spikes;
  const w1h = s.windowBars > 0 ? s.windowBars : Math.max(s.minWindowBars, s.windowDays * 24);
  const w5m = s.windowBars > 0 ? s.windowBars : Math.max(s.minWindowBars, s.windowDays * 288);
  const p1h = attainablePThreshold(s.pThreshold, w1h);
  const p5m = attainablePThreshold(s.pThreshold, w5m);
  return (
    <div class="param-grid">
      <Fields group="spikes" {...props} />
      <label for="spikes-seasonal">Hour-of-day seasonal offset (≤ 1h bars)</label>
      <input
        id="spikes-seasonal"
        type="checkbox"
        checked={s.seasonal}
        onChange={(e) =>
          props.onChange({ ...props.draft, spikes: { ...s, seasonal: e.currentTarget.checked } })
        }
      />
      <p class="hint" data-testid="false-alarms">
        Expected false alarms per series: {expectedFalseAlarmsPerDay(p1h, '1h').toFixed(2)}/day at 1h,{' '}
        {expectedFalseAlarmsPerDay(p5m, '5m').toFixed(2)}/day at 5m (p × bars/day, with the p the window can
        reach; extreme tail p: {expectedFalseAlarmsPerDay(s.extremeP, '5m').toFixed(2)}/day at 5m).
        {p1h === 0 && ' The window is too short to ever reach this p at 1h.'}
      </p>
    </div>
  );
}

/** Level parameters. */
export function LevelSection(props: SectionProps) {
  return (
    <div class="param-grid">
      <Fields group="levels" {...props} />
    </div>
  );
}

/** Oscillator parameters. */
export function OscillatorSection(props: SectionProps) {
  return (
    <div class="param-grid">
      <Fields group="oscillators" {...props} />
    </div>
  );
}
