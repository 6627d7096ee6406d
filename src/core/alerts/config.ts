/**
 * Alert rules as the user sets them (settings sub-object `alerts`). Defaults are chosen so that one click
 * ("Enable alerts") gives useful, rare alerts: only extreme/onset spikes on 1h+ and strong levels.
 */
import type { EventClass } from '../events';
import type { Timeframe } from '../intervals';

/** Which side(s) a rule listens to. */
export type SideFilter = 'both' | 'long' | 'short';

/** Which levels a touch rule listens to. */
export type LevelFilter = 'both' | 'support' | 'resistance';

/** Spike alert rule. */
export interface SpikeRule {
  enabled: boolean;
  side: SideFilter;
  /** Minimum liquidated USD of the event's side. */
  minUsd: number;
  /** Minimum robust z (event's maxZ); 0 disables the test. */
  minZ: number;
  /** Maximum p (the smaller of empirical and tail p); 1 disables the test. */
  maxP: number;
  classes: EventClass[];
  timeframes: Timeframe[];
  /** Contract filter key the events must be computed on; '' = any. */
  contracts: string;
  /** Minutes during which a second spike on the same timeframe and side stays silent. */
  cooldownMin: number;
}

/** Level-touch alert rule. */
export interface TouchRule {
  enabled: boolean;
  kind: LevelFilter;
  minStrength: number;
  /** A touch counts when its price is within this percentage of the level price (or inside the zone). */
  tolerancePct: number;
  timeframes: Timeframe[];
  /** Minutes during which further touches of the same level stay silent. */
  cooldownMin: number;
}

/** Local-time window (minutes after midnight) during which nothing is sent; may wrap past midnight. */
export interface QuietHours {
  enabled: boolean;
  startMin: number;
  endMin: number;
}

/** The alert switches shared by every asset (settings sub-object `alerts`). */
export interface AlertSwitches {
  enabled: boolean;
  /** Global mute: rules still run, but nothing is queued. */
  muted: boolean;
  telegram: boolean;
  /** Browser notifications (Notification API) as a second channel. */
  browser: boolean;
  /** Attach a chart snapshot (sendPhoto) to spike alerts. */
  snapshot: boolean;
  quietHours: QuietHours;
}

/** The rules of one asset (kept per asset in `settings.assets`): its liquidation sizes differ from BTC's. */
export interface AlertRules {
  spikes: SpikeRule;
  touches: TouchRule;
}

/** What one asset's alerts are evaluated with: the shared switches and that asset's rules. */
export type AlertSettings = AlertSwitches & AlertRules;

/** Default switches: alerts off until the user enables them. */
export const DEFAULT_ALERT_SWITCHES: AlertSwitches = {
  enabled: false,
  muted: false,
  telegram: true,
  browser: false,
  snapshot: false,
  quietHours: { enabled: false, startMin: 23 * 60, endMin: 7 * 60 },
};

/** Default rules (BTC's): extreme/onset spikes ≥ $5M on 15m–4h, strong levels on 1h and 4h. */
export const DEFAULT_ALERT_RULES: AlertRules = {
  spikes: {
    enabled: true,
    side: 'both',
    minUsd: 5_000_000,
    minZ: 0,
    maxP: 0.01,
    classes: ['onset', 'extreme'],
    timeframes: ['15m', '1h', '4h'],
    contracts: '',
    cooldownMin: 30,
  },
  touches: {
    enabled: true,
    kind: 'both',
    minStrength: 1,
    tolerancePct: 0.15,
    timeframes: ['1h', '4h'],
    cooldownMin: 120,
  },
};

/** Switches and BTC's rules together, as one asset's alerts are evaluated. */
export const DEFAULT_ALERTS: AlertSettings = { ...DEFAULT_ALERT_SWITCHES, ...DEFAULT_ALERT_RULES };
