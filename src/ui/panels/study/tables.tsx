/** The study's summary and level-respect tables; cells with N below the minimum are greyed. */
import type { MagnitudeBucket, RespectRow, SummaryRow } from '../../../core/study/types';
import { TableScroll } from '../../common/TableScroll';

function f(v: number, digits = 1): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '–';
}

function pct(v: number): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–';
}

/** Per-horizon summary rows of one side, grouped by bucket and class; `label` names a size group. */
export function SummaryTable({
  rows,
  label = (b) => b,
}: {
  rows: SummaryRow[];
  label?: (b: MagnitudeBucket) => string;
}) {
  return (
    <TableScroll label="Study summary">
      <table class="study-table" aria-label="Study summary">
        <thead>
          <tr>
            <th scope="col">group</th>
            <th scope="col">h</th>
            <th scope="col">N</th>
            <th scope="col">N⊥</th>
            <th scope="col">mean bp</th>
            <th scope="col">median</th>
            <th scope="col">95% CI</th>
            <th scope="col">hit / placebo</th>
            <th scope="col">placebo p</th>
            <th scope="col">BH q</th>
            <th scope="col">HAC t</th>
            <th scope="col">MFE/MAE ATR</th>
            <th scope="col">P(+1 before −1)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.bucket}-${r.eventClass}-${r.horizon}`}
              class={r.greyed ? 'greyed' : ''}
              title={r.greyed ? 'N < 30: too few events to read' : undefined}
            >
              <th scope="row">
                {r.bucket === 'all' && r.eventClass === 'all'
                  ? 'all'
                  : r.bucket === 'all'
                    ? r.eventClass
                    : label(r.bucket)}
              </th>
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
    </TableScroll>
  );
}

/** Bounce rate at real vs placebo levels with Wilson 95 % intervals. */
export function RespectTable({ rows }: { rows: RespectRow[] }) {
  return (
    <TableScroll label="Level respect">
      <table class="study-table" aria-label="Level respect">
        <thead>
          <tr>
            <th scope="col">by</th>
            <th scope="col">real bounce % (95% CI)</th>
            <th scope="col">n</th>
            <th scope="col">placebo bounce % (95% CI)</th>
            <th scope="col">n</th>
            <th scope="col">binomial p</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.by}-${r.label}`} class={r.real.bounces + r.real.breaks < 30 ? 'greyed' : ''}>
              <th scope="row">{r.by === 'all' ? 'all touches' : `${r.by} ${r.label}`}</th>
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
    </TableScroll>
  );
}
