/**
 * Live chart updates: when the archive gets new data, reload the frame and, if only the newest bar changed or one
 * was appended, hand it to `updateLastBar` (series.update, no redraw); otherwise (backfill reached further back)
 * bump the revision so the chart is set afresh.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Timeframe } from '../../core/intervals';
import type { ContractFilter } from '../../core/market';
import type { DataSource } from '../../workers/compute/api';
import { compute, DEFAULT_REFERENCE } from '../app/services';
import type { ChartController } from '../chart/chart-controller';

/** Returns the revision for `useFrame`; live ticks mostly update the chart in place. */
export function useLiveBars(
  source: DataSource | null,
  timeframe: Timeframe,
  filter: ContractFilter,
  dataTick: number,
  chart: { readonly current: ChartController | null },
  reference: string = DEFAULT_REFERENCE,
): number {
  const [revision, setRevision] = useState(0);
  const busy = useRef(false);
  useEffect(() => {
    if (source !== 'archive' || dataTick === 0 || busy.current) return;
    busy.current = true;
    compute
      .call(undefined, (api, id) =>
        api.loadFrame({ source, timeframe, filter, referenceSymbol: reference }, id),
      )
      .then(({ frame }) => {
        const c = chart.current;
        const old = c?.currentFrame;
        const n = frame.candles.close.length;
        const oldN = old?.candles.close.length ?? -10;
        if (
          c &&
          old &&
          old.start === frame.start &&
          old.step === frame.step &&
          n - oldN >= 0 &&
          n - oldN <= 1 &&
          n > 0
        ) {
          c.updateLastBar(frame);
        } else setRevision((r) => r + 1);
      })
      .catch(() => setRevision((r) => r + 1))
      .finally(() => {
        busy.current = false;
      });
  }, [dataTick]);
  return revision;
}
