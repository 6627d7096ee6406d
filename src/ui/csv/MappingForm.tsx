/** The mapping dialog body: what detection proposed for a generic file, editable, with a preview of the rows. */

import type { GenericMapping, SniffResult } from '../../core/csv/mapping';
import type { TimeUnit } from '../../core/csv/timestamps';
import { BASE_INTERVALS, type BaseInterval } from '../../core/intervals';
import { TableScroll } from '../common/TableScroll';
import { ContextMapping } from './ContextMapping';
import { SeriesMapping } from './SeriesMapping';

/** Props of the mapping form. */
export interface MappingFormProps {
  sniffed: SniffResult;
  mapping: GenericMapping;
  /** The asset the file is stored under: coin amounts are in it. */
  asset: string;
  onChange: (m: GenericMapping) => void;
}

/** Renders the mapping form and the preview table. */
export function MappingForm({ sniffed, mapping, asset, onChange }: MappingFormProps) {
  const set = (patch: Partial<GenericMapping>) => onChange({ ...mapping, ...patch });
  return (
    <div class="csv-mapping">
      {sniffed.unsure.length > 0 && (
        <ul class="csv-unsure">
          {sniffed.unsure.map((u) => (
            <li key={u}>{u}</li>
          ))}
        </ul>
      )}
      <label>
        Timestamp column
        <select
          value={mapping.timeColumn}
          onChange={(e) => set({ timeColumn: Number(e.currentTarget.value) })}
        >
          {sniffed.header.map((h, i) => (
            <option key={h} value={i}>
              {h}
            </option>
          ))}
        </select>
      </label>
      <label>
        Timestamp unit
        <select
          value={mapping.timeUnit}
          onChange={(e) => set({ timeUnit: e.currentTarget.value as TimeUnit })}
        >
          <option value="unix_s">unix seconds</option>
          <option value="unix_ms">unix milliseconds</option>
          <option value="iso">ISO 8601 (UTC or with offset)</option>
          <option value="naive">naive (choose the offset)</option>
        </select>
      </label>
      <label>
        UTC offset of naive times (hours)
        <input
          type="number"
          min={-12}
          max={14}
          step={0.5}
          value={mapping.utcOffsetHours}
          onInput={(e) => set({ utcOffsetHours: Number(e.currentTarget.value) })}
        />
      </label>
      <label>
        Interval
        <select
          value={mapping.interval}
          onChange={(e) => set({ interval: e.currentTarget.value as BaseInterval })}
        >
          {BASE_INTERVALS.map((iv) => (
            <option key={iv}>{iv}</option>
          ))}
        </select>
      </label>
      <label>
        Amounts are in
        <select
          value={mapping.amountUnit}
          onChange={(e) => set({ amountUnit: e.currentTarget.value as 'usd' | 'coin' })}
        >
          <option value="usd">USD</option>
          <option value="coin">{asset} (converted with stored candles)</option>
        </select>
      </label>
      <SeriesMapping header={sniffed.header} mapping={mapping} set={set} />
      <ContextMapping header={sniffed.header} mapping={mapping} proposed={sniffed.mapping} set={set} />
      <TableScroll label="Preview of the first rows" class="csv-preview">
        <table>
          <thead>
            <tr>
              {sniffed.header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sniffed.preview.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
