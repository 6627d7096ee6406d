/** From a compute result to the alerts to queue: master switch, global mute and quiet hours, then the rules. */
import type { AlertSettings } from './config';
import { isQuiet } from './gate';
import { type AlertCandidate, type AlertInput, evaluateRules } from './rules';

/** Why nothing is queued right now, or null when rules decide. */
export function silencedBy(rules: AlertSettings, nowMs: number, tzOffsetMin: number): string | null {
  if (!rules.enabled) return 'alerts are off';
  if (rules.muted) return 'muted';
  if (isQuiet(rules.quietHours, nowMs, tzOffsetMin)) return 'quiet hours';
  return null;
}

/** Candidates to queue for `input` at `nowMs` (empty while silenced). */
export function planAlerts(
  input: AlertInput,
  rules: AlertSettings,
  nowMs: number,
  tzOffsetMin: number,
): AlertCandidate[] {
  return silencedBy(rules, nowMs, tzOffsetMin) === null ? evaluateRules(input, rules) : [];
}
