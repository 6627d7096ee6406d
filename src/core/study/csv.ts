/** CSV exports of the study: the event table and the per-horizon summary (headers documented in README.md). */
import { isoUtc } from '../time';
import type { StudyResult } from './types';

/** Header line of the event CSV (per-horizon columns are appended as `signed_bp_h{h}`, `mfe_atr_h{h}`, `mae_atr_h{h}`). */
export const EVENT_CSV_BASE = [
  'event_id',
  'time_utc',
  'side',
  'bucket',
  'class',
  'max_z',
  'usd',
  'bp_of_oi',
  'p0',
  'atr',
  'outcome',
];

/** Header line of the summary CSV. */
export const SUMMARY_CSV_HEADER = [
  'side',
  'bucket',
  'class',
  'horizon_bars',
  'n',
  'n_nonoverlap',
  'mean_bp',
  'median_bp',
  'ci95_lo_bp',
  'ci95_hi_bp',
  'mean_nonoverlap_bp',
  'mean_sar',
  'hit_rate',
  'placebo_hit_rate',
  'placebo_mean_bp',
  'placebo_p',
  'bh_q',
  'hac_t',
  'mfe_atr',
  'mae_atr',
  'p_fav_first',
  'greyed',
];

function num(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(8))) : '';
}

/** The event table as CSV text (one line per event, CRLF-free, header first). */
export function eventsCsv(result: StudyResult): string {
  const hs = result.params.horizons;
  const header = [
    ...EVENT_CSV_BASE,
    ...hs.map((h) => `signed_bp_h${h}`),
    ...hs.map((h) => `mfe_atr_h${h}`),
    ...hs.map((h) => `mae_atr_h${h}`),
  ];
  const lines = result.events.map((e) =>
    [
      e.id,
      isoUtc(e.time),
      e.side,
      e.bucket,
      e.eventClass,
      num(e.maxZ),
      num(e.usd),
      num(e.bpOfOi),
      num(e.p0),
      num(e.atr),
      e.outcome,
      ...e.signedBp.map(num),
      ...e.mfeAtr.map(num),
      ...e.maeAtr.map(num),
    ].join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

/** The per-horizon summary as CSV text. */
export function summaryCsv(result: StudyResult): string {
  const lines = result.summary.map((r) =>
    [
      r.side,
      r.bucket,
      r.eventClass,
      String(r.horizon),
      String(r.n),
      String(r.nNonOverlap),
      num(r.meanBp),
      num(r.medianBp),
      num(r.ciLoBp),
      num(r.ciHiBp),
      num(r.meanNonOverlapBp),
      num(r.meanSar),
      num(r.hitRate),
      num(r.placeboHitRate),
      num(r.placeboMeanBp),
      num(r.placeboP),
      num(r.bhQ),
      num(r.hacT),
      num(r.mfeAtr),
      num(r.maeAtr),
      num(r.pFavFirst),
      r.greyed ? '1' : '0',
    ].join(','),
  );
  return `${[SUMMARY_CSV_HEADER.join(','), ...lines].join('\n')}\n`;
}
