/** The study's summary and level-respect tables; cells with N below the minimum are greyed. */
import type { RespectRow, SummaryRow } from '../../../core/study/types';

function f(v: number, digits = 1): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '–';
}

function pct(v: number): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–';
}

/** Per-horizon summary rows of one side, grouped by bucket and class. */
export function SummaryTable({ rows }: { rows: SummaryRow[] }) {
  return (
    <table class="study-table" aria-label="Study summary">
      <thead>
        <tr>
          <th>group</th>
          <th>h</th>
          <th>N</th>
          <th>N⊥</th>
          <th>mean bp</th>
          <th>median</th>
          <th>95% CI</th>
          <th>hit / placebo</th>
          <th>placebo p</th>
          <th>BH q</th>
          <th>HAC t</th>
          <th>MFE/MAE ATR</th>
          <th>P(+1 before −1)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={`${r.bucket}-${r.eventClass}-${r.horizon}`}
            class={r.greyed ? 'greyed' : ''}
            title={r.greyed ? 'N < 30: too few events to read' : undefined}
          >
            <td>
              {r.bucket === 'all' && r.eventClass === 'all'
                ? 'all'
                : r.bucket === 'all'
                  ? r.eventClass
                  : r.bucket}
            </td>
            <td>{r.horizon}</td>
            <td>{r.n}</td>
            <td>{r.nNonOverlap}</td>
            <td>{f(r.meanBp)}</td>
            <td>{f(r.medianBp)}</td>
            <td>
              {f(r.ciLoBp)}…{f(r.ciHiBp)}
            </td>
            <td>
              {pct(r.hitRate)} / {pct(r.placeboHitRate)}
            </td>
            <td>{f(r.placeboP, 3)}</td>
            <td>{f(r.bhQ, 3)}</td>
            <td>{f(r.hacT, 2)}</td>
            <td>
              {f(r.mfeAtr, 2)} / {f(r.maeAtr, 2)}
            </td>
            <td>{pct(r.pFavFirst)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Bounce rate at real vs placebo levels with Wilson 95 % intervals. */
export function RespectTable({ rows }: { rows: RespectRow[] }) {
  return (
    <table class="study-table" aria-label="Level respect">
      <thead>
        <tr>
          <th>by</th>
          <th>real bounce % (95% CI)</th>
          <th>n</th>
          <th>placebo bounce % (95% CI)</th>
          <th>n</th>
          <th>binomial p</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.by}-${r.label}`} class={r.real.bounces + r.real.breaks < 30 ? 'greyed' : ''}>
            <td>{r.by === 'all' ? 'all touches' : `${r.by} ${r.label}`}</td>
            <td>
              {pct(r.real.rate)} ({pct(r.real.lo)}–{pct(r.real.hi)})
            </td>
            <td>{r.real.bounces + r.real.breaks}</td>
            <td>
              {pct(r.placebo.rate)} ({pct(r.placebo.lo)}–{pct(r.placebo.hi)})
            </td>
            <td>{r.placebo.bounces + r.placebo.breaks}</td>
            <td>{f(r.binomP, 3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
