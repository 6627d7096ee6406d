/**
 * Level respect (statistics.md §2.3): bounce rate = bounces / (bounces + breaks) at touches of real levels vs
 * placebo levels built with the same construction from matched random non-event bars, by touch number and age.
 */
import type { Level, LevelTouch, SpikeEvent } from '../events';
import { binomialTest, type Rng, wilson } from '../inference';
import { unixSeconds } from '../time';
import type { BarStats } from './bars';
import { draw, type PlaceboPools, poolFor } from './placebo';
import type { RespectCell, RespectRow, StudyInput, StudyParams } from './types';

const DAY = 86400;
const AGE_BUCKETS: ReadonlyArray<{ label: string; max: number }> = [
  { label: '<1d', max: DAY },
  { label: '1–3d', max: 3 * DAY },
  { label: '3–7d', max: 7 * DAY },
  { label: '≥7d', max: Number.POSITIVE_INFINITY },
];

interface Tally {
  [key: string]: { bounces: number; breaks: number };
}

function keysOf(touch: LevelTouch, created: number): string[] {
  const age = touch.time - created;
  const ageLabel = AGE_BUCKETS.find((b) => age < b.max)?.label ?? '≥7d';
  return ['all:all', `touch:${touch.touchNumber >= 3 ? '3+' : String(touch.touchNumber)}`, `age:${ageLabel}`];
}

function tally(levels: readonly Level[], touches: readonly LevelTouch[], into: Tally): void {
  const created = new Map(levels.map((l) => [l.id, l.createdTime as number]));
  for (const t of touches) {
    if (t.outcome === 'undecided') continue;
    for (const k of keysOf(t, created.get(t.levelId) ?? t.time)) {
      const cell = into[k] ?? { bounces: 0, breaks: 0 };
      if (t.outcome === 'bounce') cell.bounces++;
      else cell.breaks++;
      into[k] = cell;
    }
  }
}

function cell(c: { bounces: number; breaks: number } | undefined): RespectCell {
  const bounces = c?.bounces ?? 0;
  const breaks = c?.breaks ?? 0;
  const n = bounces + breaks;
  const ci = wilson(bounces, n);
  return { bounces, breaks, rate: n > 0 ? bounces / n : Number.NaN, lo: ci.lo, hi: ci.hi };
}

/** Placebo events: each real event moved to a matched random non-event bar, keeping side, size and duration. */
export function placeboEvents(
  input: StudyInput,
  stats: BarStats,
  pools: PlaceboPools,
  rng: Rng,
  tag: number,
): SpikeEvent[] {
  const out: SpikeEvent[] = [];
  input.events.forEach((e, k) => {
    const b = draw(poolFor(pools, stats, e.firstIndex), rng);
    if (b < 0) return;
    const first = input.start + b * input.step;
    const span = Math.max(0, e.lastTime - e.firstTime);
    out.push({
      ...e,
      id: `placebo${tag}:${k}:${first}`,
      firstIndex: b,
      firstTime: unixSeconds(first),
      peakTime: unixSeconds(first),
      lastTime: unixSeconds(Math.min(first + span, input.start + (stats.n - 1) * input.step)),
      closeAtFirst: input.close[b] ?? Number.NaN,
    });
  });
  return out.sort((a, b) => a.firstIndex - b.firstIndex);
}

/** Respect rows: all touches, by touch number (1, 2, 3+) and by level age at the touch. */
export function levelRespect(
  input: StudyInput,
  params: StudyParams,
  stats: BarStats,
  pools: PlaceboPools,
  rng: Rng,
): RespectRow[] {
  const real: Tally = {};
  tally(input.levels, input.touches, real);
  const placebo: Tally = {};
  if (input.buildLevels && input.events.length > 0) {
    for (let d = 0; d < params.levelDraws; d++) {
      const built = input.buildLevels(placeboEvents(input, stats, pools, rng, d));
      tally(built.levels, built.touches, placebo);
    }
  }
  const labels = ['all:all', 'touch:1', 'touch:2', 'touch:3+', ...AGE_BUCKETS.map((b) => `age:${b.label}`)];
  return labels.map((key) => {
    const [by, label] = key.split(':') as [RespectRow['by'], string];
    const r = cell(real[key]);
    const p = cell(placebo[key]);
    const n = r.bounces + r.breaks;
    const binomP = n > 0 && Number.isFinite(p.rate) ? binomialTest(r.bounces, n, p.rate).p : Number.NaN;
    return { by, label, real: r, placebo: p, binomP };
  });
}
