/**
 * Settings section for alerts: on/off, mute, channels and quiet hours (shared), and the spike and level-touch rules
 * of the asset on screen.
 */
import type { AlertSwitches, LevelFilter, SideFilter, SpikeRule, TouchRule } from '../../core/alerts/config';
import type { EventClass } from '../../core/events';
import { type Timeframe, TOOLBAR_TIMEFRAMES } from '../../core/intervals';
import { assetSettings, withAssetSettings } from '../../core/settings';
import { CheckField } from './fields/CheckField';
import { ClockField } from './fields/ClockField';
import { NumberField } from './fields/NumberField';
import { SelectField, type SelectOption } from './fields/SelectField';
import { TextField } from './fields/TextField';
import type { SectionProps } from './SettingsDialog';
import '../alerts/alerts.css';

const CLASSES: readonly EventClass[] = ['seasonal', 'continuation', 'onset', 'extreme'];

const SIDES: readonly SelectOption<SideFilter>[] = [
  { value: 'both', label: 'Longs and shorts' },
  { value: 'long', label: 'Long liquidations' },
  { value: 'short', label: 'Short liquidations' },
];

const LEVEL_KINDS: readonly SelectOption<LevelFilter>[] = [
  { value: 'both', label: 'Support and resistance' },
  { value: 'support', label: 'Support only' },
  { value: 'resistance', label: 'Resistance only' },
];

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

function Frames(props: { prefix: string; value: Timeframe[]; onChange: (v: Timeframe[]) => void }) {
  return (
    <fieldset class="check" aria-label={`${props.prefix} timeframes`}>
      {TOOLBAR_TIMEFRAMES.map((tf) => (
        <CheckField
          key={tf}
          class="check"
          label={tf}
          ariaLabel={`${props.prefix} on ${tf}`}
          checked={props.value.includes(tf)}
          onChange={(on) => props.onChange(toggle(props.value, tf, on))}
        />
      ))}
    </fieldset>
  );
}

/** Rule editor; defaults make "Enable alerts" the only click needed. */
export function AlertsSection({ draft, onChange, asset }: SectionProps) {
  const a = draft.alerts;
  // The switches are shared; the spike and touch rules are the asset on screen's own.
  const rules = assetSettings(draft, asset);
  const set = (patch: Partial<AlertSwitches>) => onChange({ ...draft, alerts: { ...a, ...patch } });
  const spikes = (patch: Partial<SpikeRule>) =>
    onChange(withAssetSettings(draft, asset, { spikes: { ...rules.spikes, ...patch } }));
  const touches = (patch: Partial<TouchRule>) =>
    onChange(withAssetSettings(draft, asset, { touches: { ...rules.touches, ...patch } }));
  const quiet = (patch: Partial<AlertSwitches['quietHours']>) =>
    set({ quietHours: { ...a.quietHours, ...patch } });
  const browser = async (on: boolean) => {
    // Ask at the moment the user opts in, the only time browsers allow the prompt.
    if (on && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      await Notification.requestPermission();
    }
    set({ browser: on });
  };
  const check = (label: string, checked: boolean, change: (on: boolean) => void) => (
    <CheckField class="check" label={label} checked={checked} onChange={change} />
  );
  return (
    <div class="form-grid alert-rules">
      <p class="hint">Alerts are sent only while LiqLab is open (a tab or the installed app).</p>
      {check('Enable alerts', a.enabled, (enabled) => set({ enabled }))}
      {check('Mute all alerts', a.muted, (muted) => set({ muted }))}
      {check('Send to Telegram', a.telegram, (telegram) => set({ telegram }))}
      {check('Browser notifications', a.browser, (v) => void browser(v))}
      {check('Attach chart snapshot', a.snapshot, (snapshot) => set({ snapshot }))}
      <p class="hint" data-testid="snapshot-hint">
        Spike alerts to Telegram come with a picture LiqLab draws from the stored data, whatever the chart
        shows: the last 120 bars of the alert's timeframe and contract filter up to the spike, candles with
        the active support/resistance zones, short (green, up) and long (red, down) liquidations, the spike's
        bars marked, and a caption with the source and the UTC time range.
      </p>
      <fieldset>
        <legend>Quiet hours (local time)</legend>
        {check('Quiet hours', a.quietHours.enabled, (enabled) => quiet({ enabled }))}
        <ClockField
          id="alerts-quiet-from"
          label="Quiet from"
          value={a.quietHours.startMin}
          onChange={(startMin) => quiet({ startMin })}
        />
        <ClockField
          id="alerts-quiet-until"
          label="Quiet until"
          value={a.quietHours.endMin}
          onChange={(endMin) => quiet({ endMin })}
        />
      </fieldset>
      <p class="hint" data-testid="alert-rules-asset">
        The spike and level-touch rules below are {asset}'s: each asset has its own, and alerts come for every
        asset kept Live (Settings → Data), named in the message.
      </p>
      <fieldset>
        <legend>Spikes</legend>
        {check('Spike alerts', rules.spikes.enabled, (enabled) => spikes({ enabled }))}
        <SelectField
          id="alerts-spike-side"
          label="Spike side"
          value={rules.spikes.side}
          options={SIDES}
          onChange={(side) => spikes({ side })}
        />
        <NumberField
          id="alerts-min-usd"
          label="Minimum USD"
          min={0}
          step={100000}
          value={rules.spikes.minUsd}
          onChange={(minUsd) => spikes({ minUsd })}
        />
        <NumberField
          id="alerts-min-z"
          label="Minimum z (0 = off)"
          min={0}
          value={rules.spikes.minZ}
          onChange={(minZ) => spikes({ minZ })}
        />
        <NumberField
          id="alerts-max-p"
          label="Maximum p (1 = off)"
          min={0}
          max={1}
          value={rules.spikes.maxP}
          onChange={(maxP) => spikes({ maxP })}
        />
        <fieldset class="check" aria-label="Event classes">
          {CLASSES.map((c) => (
            <CheckField
              key={c}
              class="check"
              label={c}
              checked={rules.spikes.classes.includes(c)}
              onChange={(on) => spikes({ classes: toggle(rules.spikes.classes, c, on) })}
            />
          ))}
        </fieldset>
        <Frames
          prefix="Spike alerts"
          value={rules.spikes.timeframes}
          onChange={(timeframes) => spikes({ timeframes })}
        />
        <TextField
          id="alerts-contracts"
          label="Contract filter (blank = any)"
          value={rules.spikes.contracts}
          onChange={(contracts) => spikes({ contracts })}
        />
        <NumberField
          id="alerts-spike-cool"
          label="Spike cooldown (min)"
          min={0}
          value={rules.spikes.cooldownMin}
          onChange={(cooldownMin) => spikes({ cooldownMin })}
        />
      </fieldset>
      <fieldset>
        <legend>Level touches</legend>
        {check('Level-touch alerts', rules.touches.enabled, (enabled) => touches({ enabled }))}
        <SelectField
          id="alerts-level-kind"
          label="Levels"
          value={rules.touches.kind}
          options={LEVEL_KINDS}
          onChange={(kind) => touches({ kind })}
        />
        <NumberField
          id="alerts-min-strength"
          label="Minimum strength"
          min={0}
          value={rules.touches.minStrength}
          onChange={(minStrength) => touches({ minStrength })}
        />
        <NumberField
          id="alerts-tolerance"
          label="Touch tolerance (%)"
          min={0}
          value={rules.touches.tolerancePct}
          onChange={(tolerancePct) => touches({ tolerancePct })}
        />
        <Frames
          prefix="Touch alerts"
          value={rules.touches.timeframes}
          onChange={(timeframes) => touches({ timeframes })}
        />
        <NumberField
          id="alerts-touch-cool"
          label="Touch cooldown (min)"
          min={0}
          value={rules.touches.cooldownMin}
          onChange={(cooldownMin) => touches({ cooldownMin })}
        />
      </fieldset>
    </div>
  );
}
