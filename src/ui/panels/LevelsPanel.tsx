/** Levels tab: active and recent S/R levels with strength, touches and bounces; a row click jumps the chart. */
import { useAnalysisResult } from '../analysis/analysis-store';
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
      <table aria-label="Support and resistance levels">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Price</th>
            <th>Zone</th>
            <th>Strength</th>
            <th>Touches</th>
            <th>Bounces</th>
            <th>State</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l) => (
            <tr key={l.id} class={l.kind} onClick={() => onJump(l.createdTime)}>
              <td>{l.kind === 'support' ? 'S' : 'R'}</td>
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
    </div>
  );
}
