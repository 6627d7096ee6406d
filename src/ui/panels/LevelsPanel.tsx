/** Levels tab: active and recent S/R levels with strength, touches and bounces; a row click jumps the chart. */
import { useAnalysisResult } from '../analysis/analysis-store';
import { TableScroll } from '../common/TableScroll';
import { formatPrice, formatUtc } from '../format/usd';
import type { PanelProps } from './SidePanel';
import '../analysis/analysis.css';

/** The level list. */
export function LevelsPanel({ onJump }: PanelProps) {
  const r = useAnalysisResult();
  const levels = [...(r?.analysis.levels ?? [])]
    .sort(
      (a, b) => (a.state === 'active' ? 0 : 1) - (b.state === 'active' ? 0 : 1) || b.strength - a.strength,
    )
    .slice(0, 60);
  if (!r) return <p>No analysis yet.</p>;
  return (
    <div class="levels-panel">
      <TableScroll label="Support and resistance levels">
        <table aria-label="Support and resistance levels">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Price</th>
              <th scope="col">Zone</th>
              <th scope="col">Strength</th>
              <th scope="col">Touches</th>
              <th scope="col">Bounces</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {levels.map((l) => (
              <tr key={l.id} class={l.kind} onClick={() => onJump(l.createdTime)}>
                <th scope="row">
                  <button
                    type="button"
                    class="cell-link"
                    aria-label={`${l.kind === 'support' ? 'S' : 'R'}: show the ${l.kind} at ${formatPrice(l.price)} on the chart`}
                    onClick={(e) => {
                      e.stopPropagation();
                      onJump(l.createdTime);
                    }}
                  >
                    {l.kind === 'support' ? 'S' : 'R'}
                  </button>
                </th>
                <td>{formatPrice(l.price)}</td>
                <td>
                  {formatPrice(l.zoneLow)}–{formatPrice(l.zoneHigh)}
                </td>
                <td>{l.strength.toFixed(2)}</td>
                <td>{l.touches}</td>
                <td>{l.bounces}</td>
                <td>{l.state}</td>
                <td>{formatUtc(l.createdTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
