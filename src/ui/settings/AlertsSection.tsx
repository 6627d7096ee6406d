/** Settings section for alert rules: on/off, mute, channels, quiet hours, spike and level-touch rules. */
import type { AlertSettings, SpikeRule, TouchRule } from '../../core/alerts/config';
import { formatClock, parseClock } from '../../core/alerts/gate';
import type { EventClass } from '../../core/events';
import { type Timeframe, TOOLBAR_TIMEFRAMES } from '../../core/intervals';
import type { SectionProps } from './SettingsDialog';
import '../alerts/alerts.css';

const CLASSES: readonly EventClass[] = ['seasonal', 'continuation', 'onset', 'extreme'];

function Check(props: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      {props.label}
    </label>
  );
}

function Num(props: {
  id: string;
  label: string;
  value: number;
  step?: number;
  onChange: (v: number) => void;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={0}
        step={props.step ?? 'any'}
        value={props.value}
        onInput={(e) => {
          const v = e.currentTarget.valueAsNumber;
          if (Number.isFinite(v) && v >= 0) props.onChange(v);
        }}
      />
    </>
  );
}

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

function Frames(props: { prefix: string; value: Timeframe[]; onChange: (v: Timeframe[]) => void }) {
  return (
    <fieldset class="check" aria-label={`${props.prefix} timeframes`}>
      {TOOLBAR_TIMEFRAMES.map((tf) => (
        <label key={tf} class="check">
          <input
            type="checkbox"
            aria-label={`${props.prefix} on ${tf}`}
            checked={props.value.includes(tf)}
            onChange={(e) => props.onChange(toggle(props.value, tf, e.currentTarget.checked))}
          />
          {tf}
        </label>
      ))}
    </fieldset>
  );
}

/** Rule editor; defaults make "Enable alerts" the only click needed. */
export function AlertsSection({ draft, onChange }: SectionProps) {
  const a = draft.alerts;
  const set = (patch: Partial<AlertSettings>) => onChange({ ...draft, alerts: { ...a, ...patch } });
  const spikes = (patch: Partial<SpikeRule>) => set({ spikes: { ...a.spikes, ...patch } });
  const touches = (patch: Partial<TouchRule>) => set({ touches: { ...a.touches, ...patch } });
  const browser = async (on: boolean) => {
    // Ask at the moment the user opts in, the only time browsers allow the prompt.
    if (on && typeof Notification !== 'undefined' && Notification.permission === 'default') {
      await Notification.requestPermission();
    }
    set({ browser: on });
  };
  const clock = (key: 'startMin' | 'endMin', text: string) => {
    const m = parseClock(text);
    if (m !== null) set({ quietHours: { ...a.quietHours, [key]: m } });
  };
  return (
    <div class="form-grid alert-rules">
      <p class="hint">Alerts are sent only while LiqLab is open (a tab or the installed app).</p>
      <Check label="Enable alerts" checked={a.enabled} onChange={(enabled) => set({ enabled })} />
      <Check label="Mute all alerts" checked={a.muted} onChange={(muted) => set({ muted })} />
      <Check label="Send to Telegram" checked={a.telegram} onChange={(telegram) => set({ telegram })} />
      <Check label="Browser notifications" checked={a.browser} onChange={(v) => void browser(v)} />
      <Check label="Attach chart snapshot" checked={a.snapshot} onChange={(snapshot) => set({ snapshot })} />
      <fieldset>
        <legend>Quiet hours (local time)</legend>
        <Check
          label="Quiet hours"
          checked={a.quietHours.enabled}
          onChange={(enabled) => set({ quietHours: { ...a.quietHours, enabled } })}
        />
        <label for="alerts-quiet-from">Quiet from</label>
        <input
          id="alerts-quiet-from"
          type="time"
          value={formatClock(a.quietHours.startMin)}
          onChange={(e) => clock('startMin', e.currentTarget.value)}
        />
        <label for="alerts-quiet-until">Quiet until</label>
        <input
          id="alerts-quiet-until"
          type="time"
          value={formatClock(a.quietHours.endMin)}
          onChange={(e) => clock('endMin', e.currentTarget.value)}
        />
      </fieldset>
      <fieldset>
        <legend>Spikes</legend>
        <Check label="Spike alerts" checked={a.spikes.enabled} onChange={(enabled) => spikes({ enabled })} />
        <label for="alerts-spike-side">Spike side</label>
        <select
          id="alerts-spike-side"
          value={a.spikes.side}
          onChange={(e) => spikes({ side: e.currentTarget.value as SpikeRule['side'] })}
        >
          <option value="both">Longs and shorts</option>
          <option value="long">Long liquidations</option>
          <option value="short">Short liquidations</option>
        </select>
        <Num
          id="alerts-min-usd"
          label="Minimum USD"
          value={a.spikes.minUsd}
          step={100000}
          onChange={(minUsd) => spikes({ minUsd })}
        />
        <Num
          id="alerts-min-z"
          label="Minimum z (0 = off)"
          value={a.spikes.minZ}
          onChange={(minZ) => spikes({ minZ })}
        />
        <Num
          id="alerts-max-p"
          label="Maximum p (1 = off)"
          value={a.spikes.maxP}
          onChange={(maxP) => spikes({ maxP: Math.min(1, maxP) })}
        />
        <fieldset class="check" aria-label="Event classes">
          {CLASSES.map((c) => (
            <Check
              key={c}
              label={c}
              checked={a.spikes.classes.includes(c)}
              onChange={(on) => spikes({ classes: toggle(a.spikes.classes, c, on) })}
            />
          ))}
        </fieldset>
        <Frames
          prefix="Spike alerts"
          value={a.spikes.timeframes}
          onChange={(timeframes) => spikes({ timeframes })}
        />
        <label for="alerts-contracts">Contract filter (blank = any)</label>
        <input
          id="alerts-contracts"
          type="text"
          value={a.spikes.contracts}
          onInput={(e) => spikes({ contracts: e.currentTarget.value.trim() })}
        />
        <Num
          id="alerts-spike-cool"
          label="Spike cooldown (min)"
          value={a.spikes.cooldownMin}
          onChange={(cooldownMin) => spikes({ cooldownMin })}
        />
      </fieldset>
      <fieldset>
        <legend>Level touches</legend>
        <Check
          label="Level-touch alerts"
          checked={a.touches.enabled}
          onChange={(enabled) => touches({ enabled })}
        />
        <label for="alerts-level-kind">Levels</label>
        <select
          id="alerts-level-kind"
          value={a.touches.kind}
          onChange={(e) => touches({ kind: e.currentTarget.value as TouchRule['kind'] })}
        >
          <option value="both">Support and resistance</option>
          <option value="support">Support only</option>
          <option value="resistance">Resistance only</option>
        </select>
        <Num
          id="alerts-min-strength"
          label="Minimum strength"
          value={a.touches.minStrength}
          onChange={(minStrength) => touches({ minStrength })}
        />
        <Num
          id="alerts-tolerance"
          label="Touch tolerance (%)"
          value={a.touches.tolerancePct}
          onChange={(tolerancePct) => touches({ tolerancePct })}
        />
        <Frames
          prefix="Touch alerts"
          value={a.touches.timeframes}
          onChange={(timeframes) => touches({ timeframes })}
        />
        <Num
          id="alerts-touch-cool"
          label="Touch cooldown (min)"
          value={a.touches.cooldownMin}
          onChange={(cooldownMin) => touches({ cooldownMin })}
        />
      </fieldset>
    </div>
  );
}
