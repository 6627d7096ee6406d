/** Observed per-group, per-horizon statistics (everything in a summary row except the placebo columns). */
import { bootstrapMeanCi, hacMeanT, mean, median, type Rng } from '../inference';
import { type BarStats, NEVER } from './bars';
import type { PreparedEvent } from './prepare';
import type { GroupKey, StudyParams, SummaryRow } from './types';

/** Summary rows with placebo fields NaN, in group-major, horizon-minor order. */
export function observedRows(
  keys: GroupKey[],
  events: PreparedEvent[],
  stats: BarStats,
  params: StudyParams,
  rng: Rng,
): SummaryRow[] {
  const rows: SummaryRow[] = [];
  keys.forEach((key, g) => {
    const members = events.filter((e) => e.groups.includes(g));
    params.horizons.forEach((h, k) => {
      const vals: number[] = [];
      const sars: number[] = [];
      const mfe: number[] = [];
      const mae: number[] = [];
      let fav = 0;
      let adv = 0;
      let lastKept = Number.NEGATIVE_INFINITY;
      const nonOverlap: number[] = [];
      for (const e of members) {
        const v = e.row.signedBp[k] ?? Number.NaN;
        if (!Number.isFinite(v)) continue;
        vals.push(v);
        sars.push(v / 1e4 / ((stats.sigmaPre[e.t0] ?? Number.NaN) * Math.sqrt(h)));
        mfe.push(e.row.mfeAtr[k] ?? Number.NaN);
        mae.push(e.row.maeAtr[k] ?? Number.NaN);
        const tF = (e.dir === 1 ? stats.tUp : stats.tDown)[e.t0] ?? NEVER;
        const tA = (e.dir === 1 ? stats.tDown : stats.tUp)[e.t0] ?? NEVER;
        if (tF <= h && tF < tA) fav++;
        else if (tA <= h) adv++;
        // Greedy non-overlapping subsample: events at least h bars apart.
        if (e.t0 - lastKept >= h) {
          nonOverlap.push(v);
          lastKept = e.t0;
        }
      }
      const n = vals.length;
      const ci = n > 1 ? bootstrapMeanCi(vals, rng, params.bootstrap) : { lo: Number.NaN, hi: Number.NaN };
      rows.push({
        ...key,
        horizon: h,
        n,
        nNonOverlap: nonOverlap.length,
        meanBp: mean(vals),
        medianBp: median(vals),
        ciLoBp: ci.lo,
        ciHiBp: ci.hi,
        meanNonOverlapBp: mean(nonOverlap),
        meanSar: mean(sars),
        hitRate: n > 0 ? vals.filter((v) => v > 0).length / n : Number.NaN,
        placeboHitRate: Number.NaN,
        placeboMeanBp: Number.NaN,
        placeboP: Number.NaN,
        bhQ: Number.NaN,
        hacT: hacMeanT(vals, h - 1).statistic,
        mfeAtr: mean(mfe),
        maeAtr: mean(mae),
        pFavFirst: fav + adv > 0 ? fav / (fav + adv) : Number.NaN,
        greyed: n < params.minN,
      });
    });
  });
  return rows;
}
